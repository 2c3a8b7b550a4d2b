package io.gilder.identity;

import java.util.function.Supplier;

/**
 * Where approvers sign in and what makes them approvers.
 *
 * @param issuer        the provider's issuer URL (its discovery document is {@code <issuer>/.well-known/openid-configuration})
 * @param clientId      this stack's client at the provider
 * @param clientSecret  the client's secret, read when first needed (from Secrets Manager); empty for a public client
 * @param approverClaim the ID token claim that lists the person's groups or roles, e.g. {@code cognito:groups}
 * @param approverValue the value of that claim that marks an approver, e.g. {@code approvers}
 */
public record OidcSettings(String issuer, String clientId, Supplier<String> clientSecret, String approverClaim,
        String approverValue) {

    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", approverClaim="
                + approverClaim + ", approverValue=" + approverValue + "]";
    }
}
