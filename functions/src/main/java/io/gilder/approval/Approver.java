package io.gilder.approval;

import java.util.Objects;

/**
 * A signed-in approver as the identity provider's verified ID token names them. Nothing here ever comes from a form
 * field: the subject and issuer identify the person, the e-mail is what people read.
 *
 * @param subject the token's {@code sub}, unique and never reassigned within its issuer
 * @param email   the token's {@code email}, or null when the provider sends none
 * @param issuer  the token's {@code iss}
 */
public record Approver(String subject, String email, String issuer) {

    public Approver {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
    }

    /** How pages, tags and notices name the approver: the e-mail, else the subject. */
    public String displayName() {
        return email == null || email.isBlank() ? subject : email;
    }
}
