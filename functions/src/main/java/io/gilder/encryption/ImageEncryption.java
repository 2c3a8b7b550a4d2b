package io.gilder.encryption;

import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import java.util.List;

/** The stack's {@code ImageEncryption} parameter: which key encrypts golden images and their copies. */
public enum ImageEncryption {
    /** No key chosen: images are encrypted only if the account encrypts EBS by default (then as {@link #ACCOUNT_DEFAULT}). */
    NONE("None"),
    /** The account's default EBS key of the pipeline region (must be a customer managed key to be shared). */
    ACCOUNT_DEFAULT("AccountDefault"),
    /** The customer managed key of {@code ImageKmsKeyArn} (or the one the stack creates). */
    CUSTOMER_MANAGED_KEY("CustomerManagedKey");

    private final String parameterValue;

    ImageEncryption(String parameterValue) {
        this.parameterValue = parameterValue;
    }

    public String parameterValue() {
        return parameterValue;
    }

    /** @throws InvalidRequestException naming {@code ImageEncryption} for any other value */
    public static ImageEncryption parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        for (ImageEncryption mode : values()) {
            if (mode.parameterValue.equals(value.trim())) {
                return mode;
            }
        }
        throw new InvalidRequestException("Invalid stack setting", List.of(new FieldProblem("ImageEncryption",
                "is '" + value + "'; expected None, AccountDefault or CustomerManagedKey")));
    }
}
