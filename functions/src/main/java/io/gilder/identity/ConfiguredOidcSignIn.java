package io.gilder.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.approval.Approver;
import io.gilder.approval.ApproverSignIn;
import io.gilder.config.GilderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The stack's approver sign-in: {@link OidcSignIn} with the issuer, client and approver claim from the function's
 * settings and the client's credentials from Secrets Manager, read on the first sign-in of an environment. Without an
 * issuer nobody can sign in, so nobody can see or decide an approval in a browser (fail closed).
 */
@ApplicationScoped
public class ConfiguredOidcSignIn implements ApproverSignIn {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GilderConfig.Approvals settings;
    private final SecretsManagerClient secrets;
    private volatile OidcSignIn delegate;

    @Inject
    ConfiguredOidcSignIn(GilderConfig config, SecretsManagerClient secrets) {
        this.settings = config.approvals();
        this.secrets = secrets;
    }

    @Override
    public Attempt begin(String redirectUri) {
        return delegate().begin(redirectUri);
    }

    @Override
    public Approver finish(String code, String state, Attempt attempt) {
        return delegate().finish(code, state, attempt);
    }

    private OidcSignIn delegate() {
        OidcSignIn current = delegate;
        if (current == null) {
            synchronized (this) {
                if (delegate == null) {
                    delegate = create();
                }
                current = delegate;
            }
        }
        return current;
    }

    private OidcSignIn create() {
        String issuer = settings.oidcIssuer().filter(s -> !s.isBlank()).orElseThrow(() -> new Refused(
                "approver sign-in is not configured for this stack (gilder.approvals.oidc-issuer, GILDER_APPROVALS_OIDC_ISSUER)."));
        String secretId = settings.oidcClientSecretId().filter(s -> !s.isBlank()).orElse(null);
        String clientId = settings.oidcClientId().filter(s -> !s.isBlank()).orElse(null);
        String clientSecret = "";
        if (secretId != null) {
            Credentials read = read(secretId);
            clientId = clientId != null ? clientId : read.clientId();
            clientSecret = read.clientSecret();
        }
        if (clientId == null) {
            throw new Refused("approver sign-in names no client id (gilder.approvals.oidc-client-id, or clientId in the client secret "
                    + secretId + ").");
        }
        String secret = clientSecret;
        return new OidcSignIn(new OidcSettings(issuer, clientId, () -> secret, settings.approverClaim(), settings.approverClaimValue()));
    }

    private record Credentials(String clientId, String clientSecret) {}

    /** {@code {"clientId": "...", "clientSecret": "..."}} or the bare client secret; messages never quote the secret. */
    private Credentials read(String secretId) {
        String text = io.gilder.aws.AwsCall.run("Secrets Manager GetSecretValue", () -> secrets.getSecretValue(r -> r.secretId(secretId)))
                .secretString();
        if (text == null || text.isBlank()) {
            throw new Refused("the approver client secret " + secretId + " is empty or binary.");
        }
        if (!text.trim().startsWith("{")) {
            return new Credentials(null, text.trim());
        }
        try {
            JsonNode json = JSON.readTree(text);
            String secret = json.path("clientSecret").asText("");
            if (secret.isBlank()) {
                throw new Refused("the approver client secret " + secretId + " holds JSON without clientSecret.");
            }
            String id = json.path("clientId").asText("");
            return new Credentials(id.isBlank() ? null : id, secret);
        } catch (java.io.IOException e) {
            throw new Refused("the approver client secret " + secretId + " starts like JSON but is not JSON.");
        }
    }
}
