package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.local.emulator.ExecutionEndings;
import io.gilder.local.emulator.Gateway;
import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import io.gilder.local.fakes.QualysFake;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.SsmException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A stack as a real account would run it, end to end on the state machines: moto's IAM enforcement on, with every
 * function calling AWS as a role of its own (issue 15, point 5), and {@code ImageEncryption=CustomerManagedKey} with a key
 * per region (issue 16, point 4). One stack for both, because each needs a stack of its own and a whole lifecycle, and make
 * test pays for every start. (EBS encryption by default cannot be turned on here: once moto enforces IAM it answers
 * {@code EnableEbsEncryptionByDefault} with 401 AuthFailure whoever asks; a build in such an account is covered by
 * {@code EncryptedImagesAdaptersTest}, on moto without enforcement.)
 *
 * <p>IAM: each role holds exactly its function's template statements as {@link io.gilder.local.deployer.FunctionRoles}
 * rewrites them for moto (actions are evaluated; resources only for S3, SQS, IAM and STS; conditions not at all, which
 * {@code LeastPrivilegeTemplateTest} covers). The lifecycle below runs build, distribution, the scheduled rescan,
 * revocation and decommission with every function held to its own role, and the child accounts' {@code CrossAccountRole}
 * too.
 *
 * <p>Encryption: what moto ignores is asserted on the requests the functions sent, as they reached the local endpoint
 * ({@link Gateway#watch}): the builder's root volume asked for with {@code Encrypted=true} and the image key
 * ({@code RunInstances}), each copy with {@code Encrypted=true} and its region's key ({@code CopyImage}). moto gives every
 * image an unencrypted snapshot of its own, so no image here is encrypted and "Share Image" makes no KMS grant: grants are
 * covered by {@code EncryptedImagesAdaptersTest} on moto's KMS and by the unit tests; none may be left all the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnforcedEncryptedStackTest {

    private static final Duration RUN = Duration.ofMinutes(3);
    private static final String HOME = LocalNames.REGION;
    private static final String OTHER = "eu-west-1";

    private LocalStack aws;
    private Builds builds;
    private Ec2Client ec2;
    private String sourceAmi;
    private long startedNanos;
    private final Map<String, String> keyIn = new HashMap<>();
    /** Calls this class made itself with a function's key (function → operation), left out of the function's calls. */
    private final Map<String, String> testsOwnCalls = new HashMap<>();

    /** The alias ARN the stack parameters name in {@code region}: moto names keys randomly, so the test makes the alias. */
    private static String alias(String region) {
        return "arn:aws:kms:" + region + ":" + LocalNames.ACCOUNT + ":alias/gilder-test-images";
    }

    @BeforeAll
    void start() {
        startedNanos = System.nanoTime();
        aws = LocalStack.start(LocalStack.Options.defaults(LocalAws.root()).withIamEnforced()
                .withParameter("ImageEncryption", "CustomerManagedKey").withParameter("ImageKmsKeyArn", alias(HOME))
                .withParameter("RegionKmsKeyArns", OTHER + "=" + alias(OTHER)));
        System.out.printf("EnforcedEncryptedStackTest: stack with %d function roles started in %d ms%n",
                aws.deployment().roles().count(), (System.nanoTime() - startedNanos) / 1_000_000);
        aws.gateway().watch("ec2:RunInstances");
        aws.gateway().watch("ec2:CopyImage");
        builds = new Builds(aws);
        ec2 = aws.client(Ec2Client.builder());
        sourceAmi = LocalImages.amazonLinux(ec2);
    }

    @AfterAll
    void stop() {
        if (aws != null) {
            builds.close();
            ec2.close();
            aws.close();
        }
        System.out.printf("EnforcedEncryptedStackTest: stack start, all tests and stop in %d ms%n",
                (System.nanoTime() - startedNanos) / 1_000_000);
    }

    @Test
    @Order(1)
    void beforeTheKeysExistABuildIsRefusedNamingTheKeyAndLaunchesNothing() {
        AccountState before = AccountState.of(aws);

        Executions.Result result = builds.await(builds.start(name(), request(unique("Unkeyed"))), RUN);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).contains("InvalidRequestException");
        assertThat(result.cause()).contains("ImageKmsKeyArn").contains(alias(HOME)).contains("kms:DescribeKey");
        assertThat(result.statesEntered()).contains("Validate Build Request").doesNotContain("Launch Builder Instance");
        assertThat(aws.gateway().calls("ec2:RunInstances")).isEmpty();
        assertThat(AccountState.of(aws).newSince(before)).isEmpty();
    }

    @Test
    @Order(2)
    void aFunctionsKeyIsItsOwnRolesAndMotoRefusesWhatTheRoleDoesNotGrant() {
        Map<String, String> environment = aws.functions().environmentOf(aws.functions().spec("ValidateBuildRequestFunction"));
        AwsSessionCredentials key = AwsSessionCredentials.create(environment.get("AWS_ACCESS_KEY_ID"),
                environment.get("AWS_SECRET_ACCESS_KEY"), environment.get("AWS_SESSION_TOKEN"));
        assertThat(key.accessKeyId()).isEqualTo(aws.deployment().roles().accessKeyOf("ValidateBuildRequestFunction"));
        // This test's own refused write is no call of the function's: the comparison of grants and calls leaves it out.
        testsOwnCalls.put("ValidateBuildRequestFunction", "ssm:PutParameter");
        try (StsClient sts = StsClient.builder().endpointOverride(aws.endpoint()).region(Region.of(HOME))
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).credentialsProvider(StaticCredentialsProvider.create(key)).build();
                SsmClient ssm = SsmClient.builder().endpointOverride(aws.endpoint()).region(Region.of(HOME))
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).credentialsProvider(StaticCredentialsProvider.create(key)).build()) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::" + LocalNames.ACCOUNT
                    + ":assumed-role/gilder-ValidateBuildRequestFunction/ValidateBuildRequestFunction");
            // Validation reads the registry (ssm:GetParameter: the key is good, the parameter missing); it never writes it.
            assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/GoldenAMI/AmazonLinux-2023/NoSuchProduct/1")))
                    .isInstanceOf(ParameterNotFoundException.class);
            assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/GoldenAMI/forged").value("ami-0123456789abcdef0")
                    .type(ParameterType.STRING))).isInstanceOfSatisfying(SsmException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            try (SsmClient admin = aws.client(SsmClient.builder())) {
                assertThatThrownBy(() -> admin.getParameter(r -> r.name("/GoldenAMI/forged"))).as("nothing was written")
                        .isInstanceOf(ParameterNotFoundException.class);
            }
        }
    }

    @Test
    @Order(3)
    void anEncryptedBuildIsDistributedWithAKeyPerRegionRescannedRevokedAndDecommissionedWithEveryFunctionHeldToItsOwnRole() {
        for (String region : List.of(HOME, OTHER)) {
            try (KmsClient kms = aws.clientInAccount(LocalNames.ACCOUNT, KmsClient.builder(), Region.of(region))) {
                String key = kms.createKey(r -> r.description("Gilder test image key, " + region)).keyMetadata().arn();
                kms.createAlias(r -> r.aliasName("alias/gilder-test-images").targetKeyId(key));
                keyIn.put(region, key);
            }
        }
        Map<String, AccountState> before = places();
        aws.qualys(QualysFake.Options.defaults());
        long building = System.nanoTime();
        String product = unique("Enforced");
        String arn = builds.start(name(), request(product));

        String link = builds.awaitApprovalMail(arn, product, RUN).orElseThrow(() -> new AssertionError(
                "no approval e-mail; execution ended: " + builds.await(arn, Duration.ofSeconds(5)).cause())).link().orElseThrow();
        assertThat(builds.decide(link, "APPROVED", "Jane Doe", "enforced").statusCode()).isEqualTo(200);
        Executions.Result result = builds.await(arn, RUN);

        assertThat(result.status()).as(result.error() + ": " + result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.statesEntered()).containsSubsequence("Validate Build Request", "Launch Builder Instance",
                "Run Build Steps", "Create Candidate Image", "Launch Test Instance", "Start Scan", "Collect Findings",
                "Evaluate Scan Policy", "Request Approval", "Register Golden Image", "Golden Image Registered");
        String imageId = Json.read(result.output()).at("/registered/imageId").asText();
        Map<String, String> builder = form(aws.gateway().calls("ec2:RunInstances").get(0).body());
        assertThat(builder).as("the builder's root volume").containsEntry("BlockDeviceMapping.1.Ebs.Encrypted", "true");
        assertThat(builder.get("BlockDeviceMapping.1.Ebs.KmsKeyId")).as("the image key").isIn(alias(HOME), keyIn.get(HOME));

        // To both child accounts in both regions: the distribution functions under their own roles, and in the child
        // accounts under the template's CrossAccountRole they assume (evaluated too).
        long distributing = System.nanoTime();
        Executions.Result distributed = GoldenImages.run(aws, "DistributeGoldenAmiStateMachine", Map.of("productName", product,
                "productOSAndVersion", GoldenImages.OS, "buildVersion", "1", "targets", LocalNames.CHILD_ACCOUNTS.stream()
                        .map(a -> Map.of("accountId", a, "regions", List.of(HOME, OTHER))).toList()));

        assertThat(distributed.status()).as(distributed.error() + ": " + distributed.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(aws.gateway().calls("ec2:CopyImage")).as("the copy to " + OTHER).isNotEmpty().allSatisfy(copy -> {
            Map<String, String> asked = form(copy.body());
            assertThat(copy.region()).isEqualTo(OTHER);
            assertThat(asked).containsEntry("Encrypted", "true").containsEntry("SourceRegion", HOME);
            assertThat(asked.get("KmsKeyId")).as("the key of " + OTHER).isIn(alias(OTHER), keyIn.get(OTHER));
        });
        String parameter = "/GoldenAMI/" + GoldenImages.OS + "/" + product + "/1";
        assertThat(changes(before)).as("the version's parameter in all six places").hasSize(6).allSatisfy((place, lines) ->
                assertThat(lines).as(place).anyMatch(line -> line.startsWith("parameter " + parameter)));
        try (SsmClient childSsm = aws.clientInAccount(LocalNames.CHILD_ACCOUNTS.get(0), SsmClient.builder())) {
            assertThat(childSsm.getParameter(r -> r.name(parameter)).parameter().value()).isEqualTo(imageId);
            assertThat(childSsm.getParameter(r -> r.name("/GoldenAMI/latest")).parameter().value().split(",")).contains(imageId);
        }

        // The nightly rescan of the active golden image (its own scan at Qualys), then its revocation everywhere.
        long rescanning = System.nanoTime();
        aws.qualys(QualysFake.Options.defaults().withScanRef("scan/1741086000.20000"));
        Executions.Result rescanned = Rescans.run(aws, Map.of("trigger", "schedule"));

        assertThat(rescanned.status()).as(rescanned.error() + ": " + rescanned.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.read(rescanned.output()).at("/report/scanned").asInt()).as("the golden image rescanned").isGreaterThanOrEqualTo(1);
        assertThat(Rescans.liveRescanInstances(aws)).isEmpty();
        long revoking = System.nanoTime();
        Executions.Result revoked = GoldenImages.run(aws, "RevokeGoldenAmiStateMachine", Map.of("imageId", imageId,
                "reason", "revoked by the enforced lifecycle test", "mode", "revoke"));

        assertThat(revoked.status()).as(revoked.error() + ": " + revoked.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        try (SsmClient childSsm = aws.clientInAccount(LocalNames.CHILD_ACCOUNTS.get(1), SsmClient.builder(), Region.of(OTHER))) {
            assertThat(childSsm.getParameter(r -> r.name("/GoldenAMI/latest")).parameter().value()).as("withdrawn from a child's list")
                    .doesNotContain(imageId);
        } catch (ParameterNotFoundException emptied) {
            // the list held only this image
        }

        long retiring = System.nanoTime();
        Executions.Result retired = Places.decommission(aws, product, false);

        assertThat(retired.status()).as(retired.error() + ": " + retired.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(changes(before)).as("no image, copy, snapshot, volume, instance or parameter left")
                .allSatisfy((place, lines) -> assertThat(lines).as(place).isEmpty());
        for (String region : List.of(HOME, OTHER)) {
            try (KmsClient kms = aws.clientInAccount(LocalNames.ACCOUNT, KmsClient.builder(), Region.of(region))) {
                assertThat(kms.listGrants(r -> r.keyId(keyIn.get(region))).grants()).as("grants on the key of " + region)
                        .noneMatch(g -> g.name() != null && g.name().startsWith("gilder-"));
            }
        }
        System.out.printf("EnforcedEncryptedStackTest: build %d ms, distribution %d ms, rescan %d ms, revocation %d ms, decommission %d ms%n",
                (distributing - building) / 1_000_000, (rescanning - distributing) / 1_000_000, (revoking - rescanning) / 1_000_000,
                (retiring - revoking) / 1_000_000, (System.nanoTime() - retiring) / 1_000_000);
    }

    @Test
    @Order(4)
    void aBuildFailsAtValidationWhenItsRoleLacksEc2DescribeImages() throws Exception {
        Executions.Result result;
        long started = System.nanoTime();
        try (AutoCloseable withheld = aws.deployment().roles().withhold("ValidateBuildRequestFunction", "ec2:DescribeImages")) {
            result = builds.await(builds.start(name(), request(unique("Withheld"))), RUN);
        }

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.statesEntered()).contains("Validate Build Request").doesNotContain("Launch Builder Instance");
        assertThat(result.cause()).contains("ec2:DescribeImages failed with AccessDenied")
                .contains("assumed-role/gilder-ValidateBuildRequestFunction/").contains("is not authorized to perform: ec2:DescribeImages");
        System.out.printf("EnforcedEncryptedStackTest: refused build %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The clean-ups under their own roles: a denied build is discarded by "Discard Candidate", one aborted with its test
     * instance running (no Catch runs) by the sweep of ended executions, and both builds' scans by Discard Scans, each on the ending
     * EventBridge delivers; nothing of either build is left anywhere. (Not aborted while its approval waits: moto's
     * worker of an execution waiting for a task token keeps waiting after the stop, so its history never ends.)
     */
    @Test
    @Order(5)
    void aDeniedBuildIsDiscardedAndAnAbortedOneSweptWithEveryCleanUpHeldToItsOwnRole() {
        Map<String, AccountState> before = places();
        ExecutionEndings endings = aws.executionEndings();
        endings.enable();
        try {
            aws.qualys(QualysFake.Options.defaults().withScanRef("scan/1741086000.20001"));
            String denied = unique("Denied");
            String deniedArn = builds.start(name(), request(denied));
            String link = builds.awaitApprovalMail(deniedArn, denied, RUN).orElseThrow(() -> new AssertionError(
                    "no approval e-mail; execution ended: " + builds.await(deniedArn, Duration.ofSeconds(5)).cause())).link().orElseThrow();
            assertThat(builds.decide(link, "DENIED", "Jane Doe", "denied under enforcement").statusCode()).isEqualTo(200);
            Executions.Result deniedResult = builds.await(deniedArn, RUN);

            assertThat(deniedResult.statesEntered()).as(deniedResult.error() + ": " + deniedResult.cause()).contains("Discard Candidate")
                    .doesNotContain("Count Cleanup Failure", "Register Golden Image");

            aws.qualys(QualysFake.Options.defaults().withScanRef("scan/1741086000.20002"));
            String aborted = unique("Aborted");
            aws.faults().slow("ec2:DescribeInstanceStatus", Duration.ofSeconds(5));
            String abortedArn = builds.start(name(), request(aborted));
            try (SfnClient sfn = aws.client(SfnClient.builder())) {
                // Aborted while its test instance's readiness is checked (held 5 s): the instance, the candidate image and
                // its snapshots exist, and nothing of the workflow's own removes them.
                awaitState(sfn, abortedArn, "Check Test Instance Ready");
                sfn.stopExecution(r -> r.executionArn(abortedArn).error("Test.Aborted").cause("aborted under enforcement"));
            } finally {
                aws.faults().reset();
            }
            assertThat(builds.await(abortedArn, RUN).status()).isEqualTo(ExecutionStatus.ABORTED);

            long deadline = System.nanoTime() + RUN.toNanos();
            // Each clean-up twice: on the ending, and on its second pass through its queue (3 s later here, 5 minutes in AWS),
            // where the sweep announces the aborted build's failure (events:PutEvents, the version claim's dynamodb:GetItem).
            List<String> expected = List.of(deniedArn + " DiscardScansFunction", abortedArn + " DiscardScansFunction",
                    abortedArn + " SweepEndedExecutionFunction", deniedArn + " DiscardScansFunction (second pass)",
                    abortedArn + " DiscardScansFunction (second pass)", abortedArn + " SweepEndedExecutionFunction (second pass)");
            while (!delivered(endings).containsAll(expected) && System.nanoTime() < deadline) {
                Executions.pause();
            }
            assertThat(delivered(endings)).as("deliveries (problems: " + endings.problems() + ")").containsAll(expected);
            assertThat(endings.deliveries()).as("every clean-up succeeded under its own role")
                    .allSatisfy(d -> assertThat(d.answer().error()).as(d.function() + " " + d.executionArn() + ": "
                            + new String(d.answer().payload(), StandardCharsets.UTF_8)).isFalse());
            assertThat(endings.deliveries()).filteredOn(d -> d.queued() && d.function().equals("SweepEndedExecutionFunction")
                    && d.executionArn().equals(abortedArn)).singleElement().satisfies(d -> assertThat(new String(d.answer().payload(), StandardCharsets.UTF_8))
                            .contains("\"announced\":\"Golden AMI Build Failed\""));
            assertThat(changes(before)).as("nothing of either build left").allSatisfy((place, lines) -> assertThat(lines).as(place).isEmpty());
        } finally {
            endings.disable();
        }
    }

    private static void awaitState(SfnClient sfn, String executionArn, String state) {
        long deadline = System.nanoTime() + RUN.toNanos();
        while (sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)).events().stream()
                .noneMatch(e -> e.type() == HistoryEventType.TASK_STATE_ENTERED && state.equals(e.stateEnteredEventDetails().name()))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(executionArn + " did not reach " + state + " within " + RUN);
            }
            Executions.pause();
        }
    }

    private static List<String> delivered(ExecutionEndings endings) {
        return endings.deliveries().stream().map(d -> d.executionArn() + " " + d.function() + (d.queued() ? " (second pass)" : "")).toList();
    }

    @Test
    @Order(6)
    void theChildAccountsComplianceFunctionEvaluatesItsInstancesHeldToItsOwnRole() {
        String child = LocalNames.CHILD_ACCOUNTS.get(0);
        String function = LocalNames.childFunction("EvaluateInstanceComplianceFunction", child);
        var roles = aws.childRoles(child);
        assertThat(aws.functions().environmentOf(aws.functions().spec(function)).get("AWS_ACCESS_KEY_ID"))
                .isEqualTo(roles.accessKeyOf("EvaluateInstanceComplianceFunction"));
        try (io.gilder.local.fakes.ConfigFake config = new io.gilder.local.fakes.ConfigFake(aws.wiremock(), aws.gateway());
                Ec2Client childEc2 = aws.clientInAccount(child, Ec2Client.builder())) {
            String instance = childEc2.runInstances(r -> r.imageId(sourceAmi).instanceType("t3.micro").minCount(1).maxCount(1))
                    .instances().get(0).instanceId();
            try {
                io.gilder.local.emulator.Invocation periodic = aws.functions().invoke(function,
                        io.gilder.local.fakes.ConfigFake.scheduledEvent(child, java.time.Instant.now(), "enforced-token"));
                io.gilder.local.emulator.Invocation changed = aws.functions().invoke(function, io.gilder.local.fakes.ConfigFake.changeEvent(
                        child, instance, sourceAmi, "running", java.time.Instant.now(), "enforced-change-token"));

                assertThat(periodic.error()).as(periodic.payloadText()).isFalse();
                assertThat(changed.error()).as(changed.payloadText()).isFalse();
                assertThat(config.evaluations()).as("the source image is no golden image of the child account")
                        .filteredOn(e -> e.get("ComplianceResourceId").asText().equals(instance))
                        .isNotEmpty().allMatch(e -> e.get("ComplianceType").asText().equals("NON_COMPLIANT"));
            } finally {
                childEc2.terminateInstances(r -> r.instanceIds(instance));
            }
        }
    }

    @Test
    @Order(7)
    void everyActionAFunctionIsGrantedIsCalledInTheseRunsOrReviewedAsNotExercisedHere() {
        Map<String, java.util.Set<String>> granted = new java.util.TreeMap<>();
        Map<String, java.util.Set<String>> called = new java.util.TreeMap<>();
        var child = aws.childRoles(LocalNames.CHILD_ACCOUNTS.get(0));
        for (var roles : List.of(aws.deployment().roles(), child)) {
            for (String function : roles.functions()) {
                String name = roles == child ? "child:" + function : function;
                granted.put(name, roles.role(function).statements().stream()
                        .flatMap(statement -> io.gilder.local.deployer.PolicyStatements.actions(statement).stream())
                        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
                java.util.Set<String> calls = new java.util.TreeSet<>(aws.gateway().operationsOf(roles.accessKeyOf(function)));
                if (roles != child && testsOwnCalls.containsKey(function)) {
                    calls.remove(testsOwnCalls.get(function));
                }
                called.put(name, calls);
            }
        }

        List<String> problems = ExercisedPermissions.problems(granted, called, ExercisedPermissions.table());

        assertThat(problems).as("grants compared with the calls of this class's runs (%s)", ExercisedPermissions.TABLE).isEmpty();
        System.out.printf("EnforcedEncryptedStackTest: %d functions, %d granted actions, %d called%n", granted.size(),
                granted.values().stream().mapToInt(java.util.Set::size).sum(), called.values().stream().mapToInt(java.util.Set::size).sum());
    }

    private Map<String, Object> request(String product) {
        return new LinkedHashMap<>(Map.of("sourceAmiId", sourceAmi, "productName", product,
                "productOSAndVersion", GoldenImages.OS, "buildVersion", "1", "instanceType", "t3.medium"));
    }

    private static String unique(String product) {
        return product + UUID.randomUUID().toString().substring(0, 8) + "-1.0";
    }

    private static String name() {
        return "build-" + UUID.randomUUID();
    }

    /** The six places as the administrator sees them, keyed by {@code account/region}. */
    private Map<String, AccountState> places() {
        Map<String, AccountState> states = new LinkedHashMap<>();
        Places.states(aws).forEach((place, state) -> states.put(place.toString(), state));
        return states;
    }

    private Map<String, List<String>> changes(Map<String, AccountState> before) {
        Map<String, List<String>> changes = new LinkedHashMap<>();
        places().forEach((place, state) -> changes.put(place, state.newSince(before.get(place))));
        return changes;
    }

    /** A query-protocol request body as its parameters. */
    private static Map<String, String> form(String body) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }
}
