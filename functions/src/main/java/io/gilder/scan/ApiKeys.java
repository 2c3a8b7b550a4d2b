package io.gilder.scan;

/** An API key pair (e.g. Tenable's access and secret keys). {@link #toString()} never shows the secret key. */
public record ApiKeys(String accessKey, String secretKey) {

    @Override
    public String toString() {
        return "ApiKeys[accessKey=" + accessKey + ", secretKey=****]";
    }
}
