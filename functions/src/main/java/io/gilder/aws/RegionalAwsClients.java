package io.gilder.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * SDK clients of the pipeline account in any region, created on first use and kept (one per region
 * and service), configured like {@link AwsClients}: same HTTP client, retry mode and endpoint override.
 * Also the home region's STS client, any other home-region client configured the same way (Service Catalog),
 * and short-lived EC2 and Parameter Store clients
 * with other credentials (a child account's role, see {@link ChildAccountClients}).
 */
public class RegionalAwsClients implements AutoCloseable {

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Optional<URI> endpointOverride;
    private final String homeRegion;
    private final Map<String, Ec2Client> ec2 = new ConcurrentHashMap<>();
    private final Map<String, SsmClient> ssm = new ConcurrentHashMap<>();
    private final Map<String, KmsClient> kms = new ConcurrentHashMap<>();
    private volatile StsClient sts;

    /**
     * @param endpointOverride every client's endpoint instead of the regional public one (the local stack); empty in AWS
     * @param homeRegion       region of the STS client
     */
    public RegionalAwsClients(SdkHttpClient http, AwsCredentialsProvider credentials, Optional<URI> endpointOverride,
            String homeRegion) {
        this.http = http;
        this.credentials = credentials;
        this.endpointOverride = endpointOverride;
        this.homeRegion = homeRegion;
    }

    public Ec2Client ec2(String region) {
        return ec2.computeIfAbsent(region, r -> configure(Ec2Client.builder(), r, credentials).build());
    }

    public KmsClient kms(String region) {
        return kms.computeIfAbsent(region, r -> configure(KmsClient.builder(), r, credentials).build());
    }

    public SsmClient ssm(String region) {
        return ssm.computeIfAbsent(region, r -> configure(SsmClient.builder(), r, credentials).build());
    }

    public StsClient sts() {
        if (sts == null) {
            synchronized (this) {
                if (sts == null) {
                    sts = configure(StsClient.builder(), homeRegion, credentials).build();
                }
            }
        }
        return sts;
    }

    /**
     * A new client of the home region from {@code builder}, configured like every client here (HTTP client,
     * credentials, retries, endpoint override); the caller keeps and closes it.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C homeRegionClient(B builder) {
        return configure(builder, homeRegion, credentials).build();
    }

    /** Like {@link #homeRegionClient(AwsClientBuilder)}, with its own retry strategy instead of the standard one. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C homeRegionClient(B builder, RetryStrategy retries) {
        return configure(builder, homeRegion, credentials, c -> c.retryStrategy(retries)).build();
    }

    /**
     * A new S3 presigner of the home region with these credentials and endpoint (path-style where an endpoint override
     * is set); the caller closes it. A presigned URL made with a Lambda role's temporary credentials stops working when
     * they expire, whatever its own validity.
     */
    public software.amazon.awssdk.services.s3.presigner.S3Presigner homeRegionPresigner() {
        var builder = software.amazon.awssdk.services.s3.presigner.S3Presigner.builder().region(Region.of(homeRegion))
                .credentialsProvider(credentials).serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(endpointOverride.isPresent()).build());
        endpointOverride.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** A new Parameter Store client of {@code region} acting with {@code other} credentials; the caller closes it. */
    public SsmClient ssm(String region, AwsCredentialsProvider other) {
        return configure(SsmClient.builder(), region, other).build();
    }

    /** A new EC2 client of {@code region} acting with {@code other} credentials; the caller closes it. */
    public Ec2Client ec2(String region, AwsCredentialsProvider other) {
        return configure(Ec2Client.builder(), region, other).build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, String region,
            AwsCredentialsProvider provider) {
        return configure(builder, region, provider, c -> c.retryStrategy(RetryMode.STANDARD));
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, String region,
            AwsCredentialsProvider provider, Consumer<ClientOverrideConfiguration.Builder> retries) {
        // Keeps what the caller already set on the builder's override configuration (e.g. an interceptor).
        ClientOverrideConfiguration.Builder override = builder.overrideConfiguration().toBuilder();
        retries.accept(override);
        builder.region(Region.of(region)).credentialsProvider(provider).httpClient(http).overrideConfiguration(override.build());
        endpointOverride.ifPresent(builder::endpointOverride);
        return builder;
    }

    @Override
    public void close() {
        ec2.values().forEach(Ec2Client::close);
        ssm.values().forEach(SsmClient::close);
        kms.values().forEach(KmsClient::close);
        if (sts != null) {
            sts.close();
        }
    }
}
