package io.gilder.distribution;

import java.util.Optional;

/** The members of the pipeline account's AWS Organization (used when {@code DistributionAccountScope} is {@code Organization}). */
public interface OrganizationMembers {

    /**
     * @return the account's state in the pipeline account's organization ({@code ACTIVE}, {@code SUSPENDED},
     *         {@code PENDING_CLOSURE}, ...), or empty when the account is not a member of that organization
     * @throws io.gilder.error.GilderException when the look-up itself fails: terminal when the pipeline account belongs to no
     *         organization or may not read its accounts (it must be the management account or a delegated administrator),
     *         retryable when throttled; never taken for "not a member"
     */
    Optional<String> memberState(String accountId);
}
