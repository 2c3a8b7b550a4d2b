package io.gilder.local;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * SDK clients of the pipeline account in a region of their own. Adapter tests that create images,
 * instances or {@code /GoldenAMI} parameters work there, so the workflow tests in the stack's main
 * region never see their leftovers (the stack is shared by every test class of a run).
 */
final class RegionalClients {

    /** Region of the image and registry adapter tests. */
    static final Region ADAPTER_TESTS = Region.US_WEST_2;

    private RegionalClients() {}

    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(LocalStack aws, B builder) {
        return client(aws, builder, ADAPTER_TESTS);
    }

    /** A pipeline-account client of {@code region} on the local stack. */
    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(LocalStack aws, B builder, Region region) {
        return builder.endpointOverride(aws.endpoint()).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }
}
