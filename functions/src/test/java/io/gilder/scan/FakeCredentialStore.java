package io.gilder.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * The shared fake of {@link CredentialStore} (where fakes live: {@code io.gilder.testing}'s package-info): hands out fixed credentials (null: that kind
 * is not in the secret) and records reads and forgets.
 */
public final class FakeCredentialStore implements CredentialStore {

    public final List<String> calls = new ArrayList<>();
    private final BasicCredentials basic;
    private final ApiKeys keys;

    public FakeCredentialStore(BasicCredentials basic, ApiKeys keys) {
        this.basic = basic;
        this.keys = keys;
    }

    @Override
    public BasicCredentials basic(String secretId) {
        return read(secretId, basic);
    }

    @Override
    public ApiKeys apiKeys(String secretId) {
        return read(secretId, keys);
    }

    @Override
    public void forget(String secretId) {
        calls.add("forget " + secretId);
    }

    private <T> T read(String secretId, T value) {
        calls.add("read " + secretId);
        if (value == null) {
            throw new UnsupportedOperationException("this scanner's secret holds other credentials");
        }
        return value;
    }
}
