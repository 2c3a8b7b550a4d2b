package io.gilder.aws;

import io.gilder.config.GilderConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Creates each AWS SDK client once per Lambda container, all sharing one URL-connection HTTP
 * client (the lightest to start). CDI creates a client only when a handler's ports need it.
 *
 * <p>Retries: the SDK's {@code standard} mode (3 attempts with jittered back-off) absorbs brief
 * throttling; what outlasts it surfaces as {@code AwsTransientException}, which the state machines
 * retry on a longer horizon without holding a Lambda invocation open.
 *
 * <p>Credentials: Lambda provides them as environment variables, or, under SnapStart, through the
 * container credentials endpoint; naming just those two skips the default chain's profile-file
 * parsing at start-up.
 */
@ApplicationScoped
public class AwsClients {

    private final GilderConfig.Aws config;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();

    AwsClients(GilderConfig config) {
        this.config = config.aws();
    }

    // @Singleton, not @ApplicationScoped: a CDI client proxy of an SDK client implements every
    // operation (600 for EC2) and makes the JVM load every request class at start (measured: 1,200 classes).
    @Produces
    @Singleton
    Ec2Client ec2() {
        return configure(Ec2Client.builder()).build();
    }

    @Produces
    @Singleton
    SsmClient ssm() {
        return configure(SsmClient.builder()).build();
    }

    @Produces
    @Singleton
    SnsClient sns() {
        return configure(SnsClient.builder()).build();
    }

    @Produces
    @Singleton
    SfnClient sfn() {
        return configure(SfnClient.builder()).build();
    }

    @Produces
    @Singleton
    DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder()).build();
    }

    @Produces
    @Singleton
    S3Client s3() {
        // Path-style addressing works against every endpoint override (the local stack has no bucket DNS).
        return configure(S3Client.builder()).forcePathStyle(config.endpointOverride().isPresent()).build();
    }

    @Produces
    @Singleton
    SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder()).build();
    }

    void close(@Disposes Ec2Client client) {
        client.close();
    }

    void close(@Disposes SsmClient client) {
        client.close();
    }

    void close(@Disposes SnsClient client) {
        client.close();
    }

    void close(@Disposes SfnClient client) {
        client.close();
    }

    void close(@Disposes DynamoDbClient client) {
        client.close();
    }

    void close(@Disposes S3Client client) {
        client.close();
    }

    void close(@Disposes SecretsManagerClient client) {
        client.close();
    }

    @PreDestroy
    void closeHttp() {
        http.close();
    }

    private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>> B configure(
            B builder) {
        builder.region(Region.of(config.region()))
                .credentialsProvider(AwsCredentialsProviderChain.of(
                        EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.create()))
                .httpClient(http)
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD));
        config.endpointOverride().ifPresent(builder::endpointOverride);
        return builder;
    }
}
