package io.gilder.local.fakes;

import io.gilder.scan.ApiKeys;
import io.gilder.scan.BasicCredentials;
import io.gilder.scan.CredentialStore;

/**
 * A credential store that hands out fixed credentials, as a scanner fake's secret would hold them.
 *
 * @param basic a user name and password (Qualys), or null
 * @param keys  an API key pair (Tenable), or null
 */
record FixedCredentials(BasicCredentials basic, ApiKeys keys) implements CredentialStore {

    @Override
    public BasicCredentials basic(String secretId) {
        return held(basic);
    }

    @Override
    public ApiKeys apiKeys(String secretId) {
        return held(keys);
    }

    @Override
    public void forget(String secretId) {}

    private static <T> T held(T value) {
        if (value == null) {
            throw new UnsupportedOperationException("this scanner's secret holds other credentials");
        }
        return value;
    }
}
