package io.gilder.aws;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * EC2 and SSM clients for any account and region: the pipeline account's own credentials (account
 * {@code null}), or a child account's through its cross-account role, assumed with STS (with the
 * ExternalId when one is set) and refreshed before the session expires. Clients are made once per
 * account and region and share one HTTP client. Close when done (CDI does it at shutdown).
 */
public class ChildAccountClients implements AutoCloseable {

    static final String SESSION_NAME = "gilder";

    private final URI endpointOverride;
    private final AwsCredentialsProvider pipelineCredentials;
    private final String roleName;
    private final String externalId;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();
    private final StsClient sts;
    private final Map<String, AwsCredentialsProvider> roles = new ConcurrentHashMap<>();
    private final Map<String, AutoCloseable> clients = new ConcurrentHashMap<>();

    /**
     * @param endpointOverride every call goes there when set (a local stack), else to AWS
     * @param pipelineRegion   region of the STS endpoint
     * @param roleName         the child accounts' cross-account role
     * @param externalId       the ExternalId that role requires, or {@code null}
     */
    public ChildAccountClients(URI endpointOverride, String pipelineRegion, AwsCredentialsProvider pipelineCredentials,
            String roleName, String externalId) {
        this.endpointOverride = endpointOverride;
        this.pipelineCredentials = pipelineCredentials;
        this.roleName = roleName;
        this.externalId = externalId;
        this.sts = configure(StsClient.builder(), pipelineRegion, pipelineCredentials).build();
    }

    /** @param accountId the account, or {@code null} for the pipeline account */
    public Ec2Client ec2(String accountId, String region) {
        return client("ec2", accountId, region, Ec2Client.class, c -> configure(Ec2Client.builder(), region, c).build());
    }

    /** @param accountId the account, or {@code null} for the pipeline account */
    public SsmClient ssm(String accountId, String region) {
        return client("ssm", accountId, region, SsmClient.class, c -> configure(SsmClient.builder(), region, c).build());
    }

    /** The role Gilder assumes in {@code accountId}, e.g. {@code arn:aws:iam::111122223333:role/GilderCrossAccountRole}. */
    public String roleArn(String accountId, String region) {
        return "arn:" + partition(region) + ":iam::" + accountId + ":role/" + roleName;
    }

    private <C extends AutoCloseable> C client(String service, String accountId, String region, Class<C> type,
            java.util.function.Function<AwsCredentialsProvider, C> build) {
        String key = service + "/" + (accountId == null ? "pipeline" : accountId) + "/" + region;
        return type.cast(clients.computeIfAbsent(key, k -> build.apply(credentials(accountId, region))));
    }

    private AwsCredentialsProvider credentials(String accountId, String region) {
        if (accountId == null) {
            return pipelineCredentials;
        }
        return roles.computeIfAbsent(accountId, a -> StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                .refreshRequest(r -> r.roleArn(roleArn(a, region)).roleSessionName(SESSION_NAME).externalId(externalId))
                .build());
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, String region,
            AwsCredentialsProvider credentials) {
        builder.region(Region.of(region)).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD));
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder;
    }

    static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    @Override
    public void close() {
        for (AutoCloseable client : clients.values()) {
            try {
                client.close();
            } catch (Exception ignored) {
                // closing at shutdown: nothing left to do with a failure
            }
        }
        roles.values().forEach(p -> {
            if (p instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // as above
                }
            }
        });
        sts.close();
        http.close();
    }
}
