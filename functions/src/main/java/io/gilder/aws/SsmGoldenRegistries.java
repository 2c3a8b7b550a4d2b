package io.gilder.aws;

import io.gilder.domain.CrossAccountRole;
import io.gilder.port.GoldenRegistries;
import io.gilder.port.GoldenRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * {@link GoldenRegistries} as {@link SsmGoldenRegistry} instances: the pipeline account's own clients
 * per region, and in child accounts a Parameter Store client with credentials from STS
 * {@code AssumeRole} on the cross-account role (ExternalId when configured), closed after the work.
 */
public class SsmGoldenRegistries implements GoldenRegistries {

    /** The shortest session STS grants; a publication takes a few calls. */
    private static final int SESSION_SECONDS = 900;

    private final RegionalAwsClients clients;
    private final String roleName;
    private final Optional<String> externalId;
    private final Clock clock;
    private final Duration leaseLength;

    /**
     * @param roleName    the child accounts' cross-account role (the child template's {@code CrossAccountRoleName})
     * @param externalId  the ExternalId the role requires, if any
     * @param leaseLength how long a claim on {@code /GoldenAMI/latest} lasts
     */
    public SsmGoldenRegistries(RegionalAwsClients clients, String roleName, Optional<String> externalId, Clock clock,
            Duration leaseLength) {
        this.clients = clients;
        this.roleName = roleName;
        this.externalId = externalId.filter(id -> !id.isBlank());
        this.clock = clock;
        this.leaseLength = leaseLength;
    }

    @Override
    public <T> T inPipeline(String region, Function<GoldenRegistry, T> work) {
        return work.apply(new SsmGoldenRegistry(clients.ssm(region), clock, leaseLength));
    }

    @Override
    public <T> T inAccount(String accountId, String region, String sessionName, Function<GoldenRegistry, T> work) {
        String roleArn = CrossAccountRole.arn(accountId, roleName, region);
        Credentials c = AwsCall.run("sts:AssumeRole " + roleArn, () -> clients.sts().assumeRole(r -> {
            r.roleArn(roleArn).roleSessionName(sessionName).durationSeconds(SESSION_SECONDS);
            externalId.ifPresent(r::externalId);
        }).credentials());
        var credentials = StaticCredentialsProvider.create(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
        try (SsmClient ssm = clients.ssm(region, credentials)) {
            return work.apply(new SsmGoldenRegistry(ssm, clock, leaseLength));
        }
    }
}
