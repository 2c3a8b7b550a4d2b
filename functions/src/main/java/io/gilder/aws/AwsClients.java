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
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.inspector2.Inspector2Client;
import software.amazon.awssdk.services.inspector2.Inspector2ClientBuilder;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.servicecatalog.ServiceCatalogClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Creates each AWS SDK client once per Lambda container, all sharing one URL-connection HTTP
 * client (the lightest to start). CDI creates a client only when a handler's ports need it. This is
 * the one place Gilder's SDK clients are produced; clients of other regions and child accounts come
 * from {@link RegionalAwsClients}, configured the same way.
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
    /** The one place every client's region, credentials, HTTP client, retries and endpoint are set. */
    private final RegionalAwsClients clients;

    AwsClients(GilderConfig config) {
        this.config = config.aws();
        this.clients = new RegionalAwsClients(http, AwsCredentialsProviderChain.of(
                EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.create()),
                this.config.endpointOverride(), this.config.region());
    }

    /** Clients of other regions and of child accounts (distribution, decommission), configured like these. */
    @Produces
    @Singleton
    RegionalAwsClients regional() {
        return clients;
    }

    // @Singleton, not @ApplicationScoped: a CDI client proxy of an SDK client implements every
    // operation (600 for EC2) and makes the JVM load every request class at start (measured: 1,200 classes).
    @Produces
    @Singleton
    Ec2Client ec2() {
        return clients.homeRegionClient(Ec2Client.builder());
    }

    @Produces
    @Singleton
    SsmClient ssm() {
        return clients.homeRegionClient(SsmClient.builder());
    }

    @Produces
    @Singleton
    SnsClient sns() {
        return clients.homeRegionClient(SnsClient.builder());
    }

    @Produces
    @Singleton
    EventBridgeClient eventBridge() {
        return clients.homeRegionClient(EventBridgeClient.builder());
    }

    @Produces
    @Singleton
    SfnClient sfn() {
        return clients.homeRegionClient(SfnClient.builder());
    }

    @Produces
    @Singleton
    DynamoDbClient dynamoDb() {
        return clients.homeRegionClient(DynamoDbClient.builder());
    }

    @Produces
    @Singleton
    S3Client s3() {
        // Path-style addressing works against every endpoint override (the local stack has no bucket DNS).
        return clients.homeRegionClient(S3Client.builder().forcePathStyle(config.endpointOverride().isPresent()));
    }

    @Produces
    @Singleton
    SecretsManagerClient secretsManager() {
        return clients.homeRegionClient(SecretsManagerClient.builder());
    }

    @Produces
    @Singleton
    ServiceCatalogClient serviceCatalog() {
        return clients.homeRegionClient(ServiceCatalogClient.builder());
    }

    /** A global service: the SDK's endpoint rules send every region's calls to the partition's one endpoint. */
    @Produces
    @Singleton
    OrganizationsClient organizations() {
        return clients.homeRegionClient(OrganizationsClient.builder());
    }

    /** Patient with throttling: see {@link ConfigEvaluationSink#retryStrategy()}. */
    @Produces
    @Singleton
    ConfigClient config() {
        return clients.homeRegionClient(ConfigClient.builder(), ConfigEvaluationSink.retryStrategy());
    }

    @Produces
    @Singleton
    Inspector2Client inspector() {
        return clients.homeRegionClient(inspectorBuilder());
    }

    /** The Inspector client's builder: with {@link RawResponses}, which keeps the raw bodies the Inspector scanner stores as evidence. */
    public static Inspector2ClientBuilder inspectorBuilder() {
        return Inspector2Client.builder().overrideConfiguration(c -> c.addExecutionInterceptor(new RawResponses()));
    }

    void close(@Disposes Ec2Client client) {
        client.close();
    }

    void close(@Disposes SsmClient client) {
        client.close();
    }

    void close(@Disposes OrganizationsClient client) {
        client.close();
    }

    void close(@Disposes SnsClient client) {
        client.close();
    }

    void close(@Disposes SfnClient client) {
        client.close();
    }

    void close(@Disposes EventBridgeClient client) {
        client.close();
    }

    void close(@Disposes DynamoDbClient client) {
        client.close();
    }

    void close(@Disposes S3Client client) {
        client.close();
    }

    @Produces
    @Singleton
    software.amazon.awssdk.services.s3.presigner.S3Presigner s3Presigner() {
        return clients.homeRegionPresigner();
    }

    void close(@Disposes software.amazon.awssdk.services.s3.presigner.S3Presigner presigner) {
        presigner.close();
    }

    void close(@Disposes SecretsManagerClient client) {
        client.close();
    }

    void close(@Disposes ServiceCatalogClient client) {
        client.close();
    }

    void close(@Disposes ConfigClient client) {
        client.close();
    }

    void close(@Disposes Inspector2Client client) {
        client.close();
    }

    @PreDestroy
    void closeHttp() {
        clients.close();
        http.close();
    }
}
