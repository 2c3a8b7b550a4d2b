package io.gilder.scan;


/**
 * Reads API credentials of third-party services (scanners) from a secret store: a user name and password
 * (Qualys) or an API key pair (Tenable). Implementations may cache what they read for the life of the
 * container; credentials are never logged.
 */
public interface CredentialStore {

    /**
     * The user name and password held by the secret {@code secretId}.
     *
     * @throws io.gilder.error.ScannerAuthenticationException when the secret does not hold a user name and password
     * @throws io.gilder.error.GilderException                when the secret cannot be read
     */
    BasicCredentials basic(String secretId);

    /**
     * The API key pair held by the secret {@code secretId} ({@code {"accessKey": "...", "secretKey": "..."}}).
     *
     * @throws io.gilder.error.ScannerAuthenticationException when the secret does not hold both keys
     * @throws io.gilder.error.GilderException                when the secret cannot be read
     */
    ApiKeys apiKeys(String secretId);

    /** Drops what is cached for {@code secretId}, e.g. after the service rejected it, so the next call reads the secret again. */
    void forget(String secretId);
}
