package io.gilder.aws;

import io.gilder.distribution.OrganizationMembers;
import io.gilder.error.AwsCallFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountNotFoundException;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;

/**
 * {@link OrganizationMembers} from AWS Organizations {@code DescribeAccount}, which answers only in the organization's
 * management account or a member account that is a delegated administrator (for AWS Organizations, through the
 * organization's resource-based delegation policy, or for another service): deploy the pipeline there, or delegate
 * {@code organizations:DescribeAccount} to the pipeline account (README, "Distribution only to accounts you own").
 * An account of another organization, or of none, is "not found". Application scoped: the client is made on the first
 * look-up, so a stack in {@code Allowlist} mode never creates it.
 */
@ApplicationScoped
public class OrganizationsMembers implements OrganizationMembers {

    private final OrganizationsClient organizations;

    @Inject
    public OrganizationsMembers(OrganizationsClient organizations) {
        this.organizations = organizations;
    }

    @Override
    public Optional<String> memberState(String accountId) {
        String operation = "organizations:DescribeAccount " + accountId;
        try {
            return AwsCall.run(operation, () -> {
                try {
                    return Optional.of(state(organizations.describeAccount(r -> r.accountId(accountId)).account()));
                } catch (AccountNotFoundException notAMember) {
                    return Optional.empty();
                }
            });
        } catch (AwsCallFailedException e) {
            if (e.getCause() instanceof AccessDeniedException) {
                throw new AwsCallFailedException(e.getMessage() + " - DistributionAccountScope=Organization needs the pipeline account "
                        + "to be the organization's management account or a delegated administrator allowed "
                        + "organizations:DescribeAccount (or use DistributionAccountScope=Allowlist)", e.getCause());
            }
            if (e.getCause() instanceof AwsOrganizationsNotInUseException) {
                throw new AwsCallFailedException(e.getMessage() + " - the pipeline account belongs to no AWS Organization: use "
                        + "DistributionAccountScope=Allowlist", e.getCause());
            }
            throw e;
        }
    }

    /** {@code State} (ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED, ...), or the older {@code Status} where it is missing. */
    private static String state(Account account) {
        String state = account.stateAsString();
        return state != null ? state : String.valueOf(account.statusAsString());
    }
}
