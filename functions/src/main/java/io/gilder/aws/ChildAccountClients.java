package io.gilder.aws;

import io.gilder.config.DistributionConfig;
import io.gilder.registry.CrossAccountRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The one way Gilder reaches an account: EC2 and Parameter Store clients of any account and region. The
 * pipeline account ({@code accountId} null) uses {@link RegionalAwsClients}' kept clients; a child account's
 * clients act with credentials from STS {@code AssumeRole} on the cross-account role (the child template's
 * {@code CrossAccountRoleName}, with the ExternalId when one is configured), in a session named after the
 * execution so that the child's CloudTrail shows which workflow did what. Child clients are built by
 * {@link RegionalAwsClients} (same HTTP client, retries and endpoint override), live for one piece of work
 * and are closed after it, so no credentials outlive it.
 */
@ApplicationScoped
public class ChildAccountClients {

    /** The shortest session STS grants; one handler's work takes a few calls. */
    static final int SESSION_SECONDS = 900;

    private final RegionalAwsClients clients;
    private final String roleName;
    private final Optional<String> externalId;

    @Inject
    ChildAccountClients(RegionalAwsClients clients, DistributionConfig distribution) {
        this(clients, distribution.crossAccountRoleName(), distribution.crossAccountExternalId());
    }

    /**
     * @param roleName   the child accounts' cross-account role
     * @param externalId the ExternalId the role's trust policy requires, if any (blank: none)
     */
    public ChildAccountClients(RegionalAwsClients clients, String roleName, Optional<String> externalId) {
        this.clients = clients;
        this.roleName = roleName;
        this.externalId = externalId.filter(id -> !id.isBlank());
    }

    /**
     * Runs {@code work} with the EC2 client of {@code accountId} (null: the pipeline account) in {@code region}.
     *
     * @param sessionName the role session's name, e.g. {@link CrossAccountRole#sessionName(String)}
     * @throws io.gilder.error.GilderException when the role cannot be assumed (e.g. {@code AccessDenied}: the child
     *         template is missing or does not trust this pipeline)
     */
    public <T> T withEc2(String accountId, String region, String sessionName, Function<Ec2Client, T> work) {
        if (accountId == null) {
            return work.apply(clients.ec2(region));
        }
        try (Ec2Client ec2 = clients.ec2(region, assumeRole(accountId, region, sessionName))) {
            return work.apply(ec2);
        }
    }

    /** As {@link #withEc2}, with the Parameter Store client. */
    public <T> T withSsm(String accountId, String region, String sessionName, Function<SsmClient, T> work) {
        if (accountId == null) {
            return work.apply(clients.ssm(region));
        }
        try (SsmClient ssm = clients.ssm(region, assumeRole(accountId, region, sessionName))) {
            return work.apply(ssm);
        }
    }

    /** Credentials of the cross-account role in {@code accountId}, assumed now (a session of {@value #SESSION_SECONDS} s). */
    public AwsCredentialsProvider assumeRole(String accountId, String region, String sessionName) {
        String roleArn = CrossAccountRole.arn(accountId, roleName, region);
        Credentials c = AwsCall.run("sts:AssumeRole " + roleArn, () -> clients.sts().assumeRole(r -> {
            r.roleArn(roleArn).roleSessionName(sessionName).durationSeconds(SESSION_SECONDS);
            externalId.ifPresent(r::externalId);
        }).credentials());
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    }
}
