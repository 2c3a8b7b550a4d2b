package io.gilder.local;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.gilder.local.deployer.Bootstrap;
import io.gilder.local.emulator.ExecutionEndings;
import io.gilder.local.emulator.Faults;
import io.gilder.local.emulator.FunctionHost;
import io.gilder.local.emulator.Gateway;
import io.gilder.local.emulator.LocalNames;
import io.gilder.local.emulator.MotoServer;
import io.gilder.local.fakes.ImageDeprecationFake;
import io.gilder.local.fakes.InspectorFake;
import io.gilder.local.fakes.PublicAccessBlockFake;
import io.gilder.local.fakes.QualysFake;
import io.gilder.local.fakes.ScanRecords;
import io.gilder.local.fakes.ScanTargets;
import io.gilder.local.fakes.ServiceCatalogFake;
import io.gilder.local.fakes.SsmAgentFake;
import io.gilder.local.fakes.TenableFake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.services.inspector2.Inspector2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Gilder's AWS on one machine: moto server, the {@link Gateway} with the real functions behind it,
 * WireMock for third-party HTTP APIs, a {@link ServiceCatalogFake}, and everything {@code template.yaml} deploys. Ports are free
 * ones picked at start; {@link #close()} (also run by a shutdown hook) stops every process it started.
 *
 * <pre>{@code
 * try (LocalStack aws = LocalStack.start(LocalStack.Options.defaults(root))) {
 *     SfnClient sfn = aws.client(SfnClient.builder());
 *     ...
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable, Bootstrap.Target {

    /**
     * @param root               the Gilder checkout (template, definitions, {@code .tools/venv})
     * @param parameterOverrides stack parameter values, as {@code sam deploy --parameter-overrides}
     * @param maxContainers      concurrent containers per function
     */
    public record Options(Path root, Map<String, String> parameterOverrides, int maxContainers, boolean enforceIam) {

        public Options(Path root, Map<String, String> parameterOverrides, int maxContainers) {
            this(root, parameterOverrides, maxContainers, false);
        }

        public static Options defaults(Path root) {
            return new Options(root, Map.of(), 4);
        }

        public Options withParameter(String name, String value) {
            Map<String, String> all = new HashMap<>(parameterOverrides);
            all.put(name, value);
            return new Options(root, all, maxContainers, enforceIam);
        }

        /**
         * moto's IAM enforcement on, once the stack is deployed: every function calls AWS with session credentials of a
         * role of its own ({@link io.gilder.local.deployer.FunctionRoles}), and the stack's own clients as an
         * administrator user (see README "Least privilege").
         */
        public Options withIamEnforced() {
            return new Options(root, parameterOverrides, maxContainers, true);
        }
    }

    private final Options options;
    private final Path workDir;
    private final Faults faults = new Faults();
    private final List<AutoCloseable> started = new ArrayList<>();
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final Map<String, AwsCredentials> accountCredentials = new ConcurrentHashMap<>();
    /** The pipeline account's credentials of the stack's own clients: any key while moto enforces nothing, else the administrator's. */
    private volatile AwsCredentials pipelineCredentials = AwsBasicCredentials.create("local", "local");
    private final Thread shutdownHook = new Thread(this::stopAll, "local-stack-shutdown");
    private FunctionHost functions;
    private MotoServer moto;
    private Gateway gateway;
    private ExecutionEndings executionEndings;
    private WireMockServer wiremock;
    private Bootstrap.Deployment deployment;
    private Inbox inbox;
    private SsmAgentFake ssmAgent;
    private ServiceCatalogFake serviceCatalog;
    private ImageDeprecationFake imageDeprecations;
    private PublicAccessBlockFake publicAccessBlocks;
    private no.nav.security.mock.oauth2.MockOAuth2Server identityProvider;

    private LocalStack(Options options) {
        this.options = options;
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        this.workDir = options.root().resolve("local-stack/target/runs/" + stamp + "-" + ProcessHandle.current().pid());
    }

    public static LocalStack start(Options options) {
        // The JDK HTTP server (Gateway, ServiceCatalogFake) otherwise leaves Nagle on: with the SDK's
        // URLConnection client every call waited ~40 ms for a delayed ACK (measured: 50 -> 8 ms a call).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        LocalStack stack = new LocalStack(options);
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int motoPort = freePort();
        // Bound now, on a port the system picks: a port only chosen here and bound after moto's start could be taken
        // meanwhile by another stack of the machine (seen as "Address already in use").
        gateway = new Gateway(0, faults);
        started.add(gateway);
        int gatewayPort = gateway.uri().getPort();
        URI gatewayUri = gateway.uri();

        functions = new FunctionHost(options.root().resolve("functions/target/function.zip"), workDir, Map.of(
                "AWS_REGION", LocalNames.REGION,
                "AWS_DEFAULT_REGION", LocalNames.REGION,
                "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local",
                "GILDER_AWS_ENDPOINT_OVERRIDE", gatewayUri.toString(),
                "HOME", workDir.toString(),
                "TZ", "UTC",
                // Locally every registry update takes milliseconds: a 20 s lease (15 s to write after the 5 s margin) lets a lock whose release was
                // failed on purpose (fault injection) expire quickly instead of holding the next test for a minute.
                "GILDER_REGISTRY_LEASE", "PT20S"), options.maxContainers());
        started.add(functions);

        for (int attempt = 1; moto == null; attempt++) {
            try {
                moto = new MotoServer(options.root().resolve(".tools/venv/bin/python"), motoPort, gatewayPort, workDir.resolve("moto.log"));
            } catch (MotoServer.PortTaken taken) {
                if (attempt == 3) {
                    throw taken;
                }
                motoPort = freePort(); // another JVM's stack took it first: choose again
            }
        }
        started.add(moto);

        gateway.connect(moto.uri(), functions);
        if (options.enforceIam()) {
            pipelineCredentials = createAdministrator();
            // moto's Step Functions makes its SDK integrations' calls with a fixed key ("ak"), never as the state
            // machine's role: the gateway signs them as the administrator.
            gateway.actAsAdministrator(MOTO_STEP_FUNCTIONS_ACCESS_KEY, pipelineCredentials.accessKeyId());
        }
        executionEndings = new ExecutionEndings(() -> inspector(software.amazon.awssdk.services.sfn.SfnClient.builder()), functions);
        started.add(executionEndings);

        S3Client templates = inspector(S3Client.builder().forcePathStyle(true));
        started.add(templates);
        serviceCatalog = new ServiceCatalogFake((bucket, key) -> {
            try {
                return Optional.of(templates.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String());
            } catch (S3Exception e) {
                return Optional.empty();
            }
        });
        started.add(serviceCatalog);
        gateway.answerElsewhere(ServiceCatalogFake.SERVICE, serviceCatalog.uri());

        wiremock = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .withRootDirectory(workDir.resolve("wiremock").toString()).extensions(new ScanTargets(), new ScanRecords()));
        wiremock.start();
        started.add(wiremock::stop);

        // The approvers' identity provider: a real OpenID Connect server with a login form (any user name, optional claims
        // as JSON). Its issuer is named by "localhost" while the gateway is 127.0.0.1, so that the browser crosses sites
        // as it does between Cognito and API Gateway, and the page's SameSite cookies are tried for real.
        identityProvider = new no.nav.security.mock.oauth2.MockOAuth2Server(
                no.nav.security.mock.oauth2.OAuth2Config.Companion.fromJson("{\"interactiveLogin\":true}"));
        try {
            identityProvider.start(java.net.InetAddress.getByName("127.0.0.1"), freePort());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        started.add(identityProvider::shutdown);

        ssmAgent = new SsmAgentFake(wiremock, gateway);
        imageDeprecations = new ImageDeprecationFake(wiremock, gateway);
        publicAccessBlocks = new PublicAccessBlockFake(wiremock, gateway);
        QualysFake.register(wiremock, QualysFake.Options.defaults());
        // Both network scanners are set up on the local stack (localParameters), so both answer from the start: Discard
        // Scans asks each of them after a failed build or rescan, whichever scanner it used.
        TenableFake.register(wiremock, TenableFake.Options.defaults());
        deployment = Bootstrap.pipeline(this, options.root().resolve("template.yaml"), localParameters());
        // The approval page signs its calls with a key of its own, so fault injection can tell an approver's requests
        // from the workflows' (the faults of the page's own calls are the page's tests').
        if (!options.enforceIam()) { // enforced, the page runs with its own role's session key
            functions.reconfigure("ApprovalPageFunction", Map.of("AWS_ACCESS_KEY_ID", APPROVAL_PAGE_ACCESS_KEY));
        }
        java.util.concurrent.CompletableFuture<Boolean> sharing = java.util.concurrent.CompletableFuture.supplyAsync(this::shareClasses);
        inbox = new Inbox(this, deployment.ref("NotificationTopic"), deployment.ref("ApprovalTopic"));
        started.add(inbox);
        LocalNames.CHILD_ACCOUNTS.forEach(this::addChildAccount);
        if (!sharing.join()) {
            System.err.println("local stack: no class-data sharing archive (see " + functions.logDirectory().resolve("class-data-sharing.log")
                    + "): function containers start without it");
        }
        if (options.enforceIam()) {
            moto.enforceIam();
        }
    }

    /** The function whose start-up and first answer train the containers' class-data sharing archive. */
    private static final String CLASS_SHARING_TRAINER = "ValidateBuildRequestFunction";

    /**
     * Trains the function containers' class-data sharing archive ({@link FunctionHost#shareClasses}) while the rest of
     * the stack deploys: {@code validate-build-request} starts as SnapStart starts it (priming its EC2 and SSM clients
     * with calls that name nothing) and answers an empty request (refused: no field). Its calls go to moto directly,
     * so the fault injector neither logs nor fails them. {@code -Dgilder.classSharing=false} turns it off (to compare).
     */
    private boolean shareClasses() {
        if (!functions.has(CLASS_SHARING_TRAINER) || !Boolean.parseBoolean(System.getProperty("gilder.classSharing", "true"))) {
            return true; // nothing to train: containers start without an archive, as asked
        }
        try {
            return functions.shareClasses(CLASS_SHARING_TRAINER, Map.of("GILDER_AWS_ENDPOINT_OVERRIDE", moto.uri().toString(),
                    "AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"), "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    java.time.Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            System.err.println("local stack: training the class-data sharing archive failed: " + e);
            return false;
        }
    }

    /** Deploys child-account/template.yaml into one more fake account (e.g. for a fan-out benchmark). */
    public void addChildAccount(String account) {
        Path child = options.root().resolve("child-account/template.yaml");
        if (Files.exists(child)) {
            if (options.enforceIam()) {
                // The role the stack's clients and the account's own functions act through in that account, allowed
                // everything: what moto evaluates there is the template's CrossAccountRole, assumed by pipeline functions.
                try (software.amazon.awssdk.services.iam.IamClient iam = clientInAccount(account,
                        software.amazon.awssdk.services.iam.IamClient.builder())) {
                    iam.createRole(r -> r.roleName("OrganizationAccountAccessRole").assumeRolePolicyDocument(
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                                    + LocalNames.ACCOUNT + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
                    iam.putRolePolicy(r -> r.roleName("OrganizationAccountAccessRole").policyName("everything").policyDocument(EVERYTHING));
                }
            }
            Bootstrap.child(this, child, account, credentialsOf(account), Map.of("PipelineAccountId", LocalNames.ACCOUNT))
                    .ifPresent(roles -> childRoles.put(account, roles));
        }
    }

    private final Map<String, io.gilder.local.deployer.FunctionRoles> childRoles = new java.util.concurrent.ConcurrentHashMap<>();

    /** The roles of child account {@code account}'s own functions (the compliance function), when the stack enforces IAM. */
    public io.gilder.local.deployer.FunctionRoles childRoles(String account) {
        io.gilder.local.deployer.FunctionRoles roles = childRoles.get(account);
        if (roles == null) {
            throw new IllegalStateException("No function roles in " + account + ": this stack does not enforce IAM, or has no such child");
        }
        return roles;
    }

    /**
     * Stack parameters as a local deployment needs them, under the caller's overrides: wait loops
     * without pauses, distribution allowed to the local child accounts, Qualys and Tenable played by WireMock with credentials in the emulator's Secrets Manager,
     * a scan policy that lets the fake scan's findings (up to severity 4) reach approval.
     */
    private Map<String, String> localParameters() {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("PollIntervalSeconds", "0");
        // The fake Qualys scan finds one severity-4 advisory; the local policy lets it through to approval.
        parameters.put("MaxAllowedSeverity", "4");
        parameters.put("QualysApiBaseUrl", wiremock.baseUrl());
        parameters.put("QualysScannerAppliance", QualysFake.SCANNER_APPLIANCE);
        // Tenable played by WireMock too (TenableFake, registered per build); Inspector needs no settings (InspectorFake).
        parameters.put("TenableApiBaseUrl", wiremock.baseUrl());
        parameters.put("TenableScannerName", TenableFake.SCANNER_NAME);
        parameters.put("TenableScanTemplateName", TenableFake.TEMPLATE_NAME);
        // The fake scanners "reach" the test instances from the local VPC's range (the template's second layout).
        parameters.put("ScannerSourceCidr", "10.0.0.0/16");
        parameters.put("TenableManagedCredentialIds", TenableFake.MANAGED_CREDENTIAL_ID);
        // Distribution reaches the local child accounts and no other (DistributionAccountScope=Allowlist, the default).
        parameters.put("DistributionAllowedAccounts", String.join(",", LocalNames.CHILD_ACCOUNTS));
        parameters.put("ApproverIssuer", approverIssuer());
        parameters.put("ApproverClaim", "groups");
        parameters.put("ApproverClaimValue", APPROVERS_GROUP);
        try (SecretsManagerClient secrets = client(SecretsManagerClient.builder())) {
            parameters.put("ApproverClientSecretArn", secrets.createSecret(r -> r.name("gilder/approver-client-local")
                    .secretString("{\"clientId\":\"gilder-approval-page\",\"clientSecret\":\"local-client-secret\"}")).arn());
            parameters.put("QualysCredentialsSecretArn", secrets.createSecret(r -> r.name("gilder/qualys-local")
                    .secretString(QualysFake.secretJson())).arn());
            parameters.put("TenableCredentialsSecretArn", secrets.createSecret(r -> r.name("gilder/tenable-local")
                    .secretString(TenableFake.secretJson())).arn());
        }
        parameters.putAll(options.parameterOverrides());
        return parameters;
    }

    private static final String EVERYTHING = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    /** The access key moto's Step Functions signs its SDK integrations' calls with (moto/stepfunctions/parser/asl/utils/boto_client.py). */
    static final String MOTO_STEP_FUNCTIONS_ACCESS_KEY = "ak";

    /**
     * An IAM user of the pipeline account allowed everything, made while moto still authenticates nothing: the stack's
     * own clients (deployment, tests, inspection) act as it once moto enforces IAM.
     */
    private AwsCredentials createAdministrator() {
        try (software.amazon.awssdk.services.iam.IamClient iam = client(software.amazon.awssdk.services.iam.IamClient.builder())) {
            iam.createUser(r -> r.userName("gilder-local-administrator"));
            iam.putUserPolicy(r -> r.userName("gilder-local-administrator").policyName("everything").policyDocument(EVERYTHING));
            var key = iam.createAccessKey(r -> r.userName("gilder-local-administrator")).accessKey();
            return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        }
    }

    /** The access key id the approval page's calls are signed with ({@link io.gilder.local.emulator.Faults#spare}). */
    public static final String APPROVAL_PAGE_ACCESS_KEY = "localapprovalpage";

    /** The group that makes a signed-in person an approver (the {@code groups} claim of their ID token). */
    public static final String APPROVERS_GROUP = "approvers";

    /** The issuer where approvers sign in locally: {@code http://localhost:<port>/approvers}. */
    public String approverIssuer() {
        return "http://localhost:" + identityProvider.url("/").port() + "/approvers";
    }

    /** An SDK client of the pipeline account, pointed at the local endpoint. */
    @Override
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return clientWith(builder, pipelineCredentials);
    }

    /** An SDK client acting in another (fake) account, with credentials from STS AssumeRole as in AWS. */
    @Override
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C clientInAccount(String account, B builder) {
        return clientInAccount(account, builder, Region.of(LocalNames.REGION));
    }

    /** As {@link #clientInAccount(String, AwsClientBuilder)}, in {@code region}. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C clientInAccount(String account, B builder,
            Region region) {
        if (account.equals(LocalNames.ACCOUNT)) {
            return clientWith(builder, pipelineCredentials, gateway.uri(), region);
        }
        return clientWith(builder, credentialsOf(account), gateway.uri(), region);
    }

    /**
     * Credentials of an approver who decides from the CLI: STS AssumeRole of the pipeline account's {@code GilderApprover}
     * role with {@code sessionName}, accepted by the gateway's AWS_IAM routes as
     * {@code arn:aws:sts::<account>:assumed-role/GilderApprover/<sessionName>}.
     */
    public AwsSessionCredentials approverCredentials(String sessionName) {
        try (StsClient sts = client(StsClient.builder())) {
            var assumed = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + LocalNames.ACCOUNT + ":role/GilderApprover")
                    .roleSessionName(sessionName));
            Credentials c = assumed.credentials();
            gateway.callers().add(new io.gilder.local.emulator.SigV4Callers.Caller(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(),
                    LocalNames.ACCOUNT, "arn:aws:sts::" + LocalNames.ACCOUNT + ":assumed-role/GilderApprover/" + sessionName,
                    assumed.assumedRoleUser().assumedRoleId()));
            return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
        }
    }

    /** Session credentials of another (fake) account, from STS AssumeRole, as its functions and clients use them. */
    AwsSessionCredentials credentialsOf(String account) {
        return (AwsSessionCredentials) accountCredentials.computeIfAbsent(account, a -> {
            try (StsClient sts = client(StsClient.builder())) {
                Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + a + ":role/OrganizationAccountAccessRole")
                        .roleSessionName("gilder-local")).credentials();
                return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
            }
        });
    }

    /**
     * A pipeline-account client that talks to moto directly: its calls are neither logged nor
     * faulted. For inspecting what a run left behind without disturbing fault injection's counts.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C inspector(B builder) {
        return clientWith(builder, pipelineCredentials, moto.uri());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C clientWith(B builder, AwsCredentials credentials) {
        return clientWith(builder, credentials, gateway.uri());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C clientWith(B builder, AwsCredentials credentials,
            URI endpoint) {
        return clientWith(builder, credentials, endpoint, Region.of(LocalNames.REGION));
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C clientWith(B builder, AwsCredentials credentials,
            URI endpoint, Region region) {
        return builder.endpointOverride(endpoint).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).httpClient(http).build();
    }

    @Override
    public boolean enforcesIam() {
        return options.enforceIam();
    }

    @Override
    public URI endpoint() {
        return gateway.uri();
    }

    /**
     * (Re)plays Qualys on the local WireMock: a fresh scan story (Queued → Running → the chosen ending)
     * for the next build. Call before each build that scans.
     */
    public QualysFake qualys(QualysFake.Options options) {
        return QualysFake.register(wiremock, options);
    }

    /**
     * (Re)plays Tenable Vulnerability Management on the local WireMock: a fresh scan story (pending → running →
     * the chosen ending, then a .nessus export) for the next build. Call before each build that scans with Tenable.
     */
    public TenableFake tenable(TenableFake.Options options) {
        return TenableFake.register(wiremock, options);
    }

    /**
     * (Re)plays Amazon Inspector: EC2 scanning enabled (or not) in moto, the findings queued in moto, the
     * instance's coverage story on WireMock. Call before each build that scans with Inspector.
     */
    public InspectorFake inspector(InspectorFake.Options options) {
        try (Inspector2Client inspector = client(Inspector2Client.builder())) {
            return InspectorFake.register(inspector, wiremock, gateway, options);
        }
    }

    /** The SSM agent's answers moto cannot give (instances Online; failing commands on demand). */
    public SsmAgentFake ssmAgent() {
        return ssmAgent;
    }

    /**
     * The pipeline account's Service Catalog (moto lacks versions and portfolio associations): every
     * {@code servicecatalog} call through the local endpoint lands here, after fault injection. Shared by
     * every test of a run and never reset: tests use product names of their own.
     */
    public ServiceCatalogFake serviceCatalog() {
        return serviceCatalog;
    }

    /** EC2 {@code EnableImageDeprecation}, which moto lacks, answered and recorded by WireMock. */
    public ImageDeprecationFake imageDeprecations() {
        return imageDeprecations;
    }

    /** EC2 block public access (moto lacks it): on in every region until a test turns it off. */
    public PublicAccessBlockFake publicAccessBlocks() {
        return publicAccessBlocks;
    }

    /** The text of an object named {@code s3://bucket/key}, read without being logged as a workflow call. */
    public String readObject(String s3Uri) {
        if (!s3Uri.startsWith("s3://") || s3Uri.indexOf('/', 5) < 0) {
            throw new IllegalArgumentException("not an s3://bucket/key reference: " + s3Uri);
        }
        String path = s3Uri.substring("s3://".length());
        String bucket = path.substring(0, path.indexOf('/'));
        String key = path.substring(path.indexOf('/') + 1);
        try (S3Client s3 = inspector(S3Client.builder().forcePathStyle(true))) {
            return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String();
        }
    }

    /** What the notification topic's e-mail subscribers receive. */
    public Inbox inbox() {
        return inbox;
    }

    public Faults faults() {
        return faults;
    }

    /**
     * Sets environment variables of the pipeline function {@code logicalId} until the result is closed, as a stack
     * update of the parameters behind them would, for tests that need another setting than the shared stack's (the
     * stack is deployed once per test run).
     */
    public FunctionHost.Reconfigured reconfigure(String logicalId, Map<String, String> environment) {
        return functions.reconfigure(logicalId, environment);
    }

    @Override
    public FunctionHost functions() {
        return functions;
    }

    /** EventBridge's delivery of Step Functions' status changes to functions: off until enabled. */
    @Override
    public ExecutionEndings executionEndings() {
        return executionEndings;
    }

    /** The local endpoint: routes to fakes ({@link Gateway#answerElsewhere}) and the template's HTTP API routes. */
    @Override
    public Gateway gateway() {
        return gateway;
    }

    public WireMockServer wiremock() {
        return wiremock;
    }

    /** Physical ids and ARNs of what the bootstrap created, by the template's logical ids. */
    public Bootstrap.Deployment deployment() {
        return deployment;
    }

    public Path workDir() {
        return workDir;
    }

    /** Process ids of every process this stack started that is still running. */
    public List<Long> livePids() {
        List<Long> pids = new ArrayList<>(functions == null ? List.of() : functions.livePids());
        if (moto != null) {
            ProcessHandle.of(moto.pid()).filter(ProcessHandle::isAlive).ifPresent(p -> pids.add(p.pid()));
        }
        return pids;
    }

    /** How many function containers this stack started and the CPU time they and moto used so far. */
    public String usage() {
        return functions.usage() + "; moto " + ProcessHandle.of(moto.pid()).flatMap(p -> p.info().totalCpuDuration())
                .orElse(java.time.Duration.ZERO).toSeconds() + " s CPU";
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("local stack: stopping " + started.get(i) + " failed: " + e);
            }
        }
        started.clear();
        http.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
