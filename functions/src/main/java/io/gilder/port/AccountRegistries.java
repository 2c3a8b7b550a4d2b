package io.gilder.port;

/** The golden image registry of any account and region (child accounts through the cross-account role). */
public interface AccountRegistries {

    /** @param accountId the account, or {@code null} for the pipeline account */
    GoldenRegistry in(String accountId, String region);
}
