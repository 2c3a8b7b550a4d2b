package io.gilder.scanner;

import io.gilder.scan.ApiKeys;
import io.gilder.scan.BasicCredentials;
import io.gilder.scan.CredentialStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** A credential store that hands out fixed credentials (null: that kind is not in the secret) and records reads and forgets. */
public final class RecordingCredentials implements CredentialStore {

    public final List<String> calls = new ArrayList<>();
    private final BasicCredentials basic;
    private final ApiKeys keys;

    public RecordingCredentials(BasicCredentials basic, ApiKeys keys) {
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

    /** A test resource's bytes, e.g. {@code sample("tenable/report.nessus")}. */
    public static byte[] sample(String path) {
        try (InputStream in = RecordingCredentials.class.getResourceAsStream("/" + path)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + path, e);
        }
    }
}
