package io.gilder.build;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.error.IneligibleSourceImageException;
import io.gilder.flow.Primed;
import jakarta.inject.Named;
import java.util.Map;

/**
 * First state of {@code build-golden-ami}: rejects a bad request before anything is created.
 * The input is taken as untyped JSON so that a field of the wrong type is reported by name
 * instead of failing in the runtime's deserializer.
 */
@Named("validate-build-request")
public class ValidateBuildRequestHandler implements RequestHandler<Object, ValidatedBuild>, Primed {

    /** Well-formed, so every look-up runs, and names an AMI that cannot exist, so it ends there. */
    private static final Map<String, Object> PRIMING_REQUEST = Map.of("sourceAmiId", "ami-00000000000000000",
            "productName", "GilderPriming-0", "productOSAndVersion", "Priming-0", "buildVersion", "0");

    private final BuildRequestValidator validator;

    ValidateBuildRequestHandler(BuildRequestValidator validator) {
        this.validator = validator;
    }

    @Override
    public ValidatedBuild handleRequest(Object request, Context context) {
        return validator.validate(request, account(context));
    }

    /** The pipeline account: the fourth field of this function's ARN, {@code arn:aws:lambda:<region>:<account>:function:<name>}. */
    public static String account(Context context) {
        String arn = context == null ? null : context.getInvokedFunctionArn();
        String[] parts = arn == null ? new String[0] : arn.split(":");
        return parts.length > 4 && parts[4].matches("\\d{12}") ? parts[4] : null;
    }

    @Override
    public void prime() {
        try {
            validator.validate(PRIMING_REQUEST);
        } catch (IneligibleSourceImageException expected) {
            // the priming AMI does not exist: every client has made its first call
        }
    }
}
