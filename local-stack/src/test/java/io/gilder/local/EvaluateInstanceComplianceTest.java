package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.aws.ConfigEvaluationSink;
import io.gilder.aws.Ec2InstanceInventory;
import io.gilder.aws.RegionalAwsClients;
import io.gilder.aws.SsmGoldenImageSource;
import io.gilder.compliance.ComplianceEvaluator;
import io.gilder.compliance.ComplianceReport;
import io.gilder.compliance.ComplianceTrigger;
import io.gilder.local.emulator.Invocation;
import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import io.gilder.local.fakes.ConfigFake;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The compliance rule on the local stack. What is real and what is played:
 * <ul>
 *   <li>EC2 {@code RunInstances}/{@code DescribeInstances} and Parameter Store ({@code /GoldenAMI/latest}) are
 *       moto's. moto pages {@code DescribeInstances} by reservation (EC2 counts instances), so the tests assert
 *       that every page was followed and every instance seen, never how many instances a page held;</li>
 *   <li>{@code PutEvaluations} is answered over real HTTP by WireMock ({@link ConfigFake}, routed by the
 *       Gateway): moto implements it only with {@code TestMode}, which the deployed rule never sends, and
 *       would then check nothing. Throttling is WireMock's HTTP 400 {@code ThrottlingException};</li>
 *   <li>AWS Config itself (invoking the rule) is played by the tests, with events shaped like Config's.</li>
 * </ul>
 * The periodic run drives the real adapters (the Config client built as the function builds it) in a region
 * of its own; the other tests invoke the deployed
 * function (the child template's, from {@code function.zip}) in child account 111111111111.
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluateInstanceComplianceTest {

    static final Region PERIODIC_REGION = Region.AP_SOUTHEAST_2;
    static final String CHILD = LocalNames.CHILD_ACCOUNTS.get(0);
    static final String FUNCTION = LocalNames.childFunction("EvaluateInstanceComplianceFunction", CHILD);
    static final String LATEST = "/GoldenAMI/latest";
    static final Instant AT = Instant.parse("2025-05-01T10:00:00Z");

    private LocalStack aws;
    private ConfigFake config;

    @BeforeAll
    void setUp(LocalStack aws) {
        this.aws = aws;
        config = new ConfigFake(aws.wiremock(), aws.gateway());
    }

    @AfterAll
    void close() {
        config.close();
    }

    @BeforeEach
    void reset() {
        aws.faults().reset();
        config.reset();
    }

    @Test
    void aPeriodicRunFollowsEveryDescribeInstancesPageAndReportsEachInstanceOnceInBatchesThroughThrottling() {
        try (RegionalAwsClients clients = new RegionalAwsClients(UrlConnectionHttpClient.create(),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), Optional.of(aws.endpoint()),
                        PERIODIC_REGION.id());
                ConfigClient configClient = clients.homeRegionClient(ConfigClient.builder(), ConfigEvaluationSink.retryStrategy())) {
            Ec2Client ec2 = clients.ec2(PERIODIC_REGION.id());
            SsmClient ssm = clients.ssm(PERIODIC_REGION.id());
            List<String> images = catalogImages(ec2, 3);
            ssm.putParameter(r -> r.name(LATEST).type(ParameterType.STRING).overwrite(true).value(images.get(0) + "," + images.get(1)));
            // 1,050 reservations of 2: more reservations than one DescribeInstances page holds.
            List<String> launched = LocalFleet.launch(ec2, images, 1_050, 2);
            Map<String, String> imageOf = ec2.describeInstances(r -> r.instanceIds(launched.subList(0, 3))).reservations().stream()
                    .flatMap(r -> r.instances().stream()).collect(Collectors.toMap(i -> i.instanceId(), i -> i.imageId()));
            aws.faults().reset();
            config.throttleNext(1);

            ComplianceReport report = new ComplianceEvaluator(new Ec2InstanceInventory(ec2), new SsmGoldenImageSource(ssm),
                    new ConfigEvaluationSink(configClient)).evaluate(new ComplianceTrigger.Periodic(AT), "periodic-token");

            assertThat(aws.faults().calls().stream().filter("ec2:DescribeInstances"::equals).count())
                    .as("pages followed").isGreaterThan(1);
            List<ConfigFake.Call> calls = config.calls();
            assertThat(calls.get(0).status()).as("throttled first").isEqualTo(400);
            assertThat(calls.get(1).body()).as("the same batch again").isEqualTo(calls.get(0).body());
            assertThat(calls.subList(1, calls.size())).allMatch(c -> c.status() == 200).hasSize(21)
                    .allMatch(c -> c.body().get("ResultToken").asText().equals("periodic-token"))
                    .allMatch(c -> c.body().get("Evaluations").size() <= 100);
            Map<String, JsonNode> byInstance = config.evaluations().stream()
                    .collect(Collectors.toMap(e -> e.get("ComplianceResourceId").asText(), Function.identity()));
            assertThat(byInstance.keySet()).as("each instance exactly once").containsExactlyInAnyOrderElementsOf(launched);
            assertThat(config.evaluations()).hasSize(launched.size());
            for (String id : imageOf.keySet()) {
                boolean golden = imageOf.get(id).equals(images.get(0)) || imageOf.get(id).equals(images.get(1));
                assertThat(byInstance.get(id).get("ComplianceType").asText()).as(id).isEqualTo(golden ? "COMPLIANT" : "NON_COMPLIANT");
            }
            assertThat(byInstance.values()).filteredOn(e -> e.get("ComplianceType").asText().equals("NON_COMPLIANT"))
                    .isNotEmpty().allMatch(e -> e.get("Annotation").asText().equals(
                            "image " + images.get(2) + " is not an active golden AMI (2 active)"));
            assertThat(report.evaluated()).isEqualTo(2_100);
            assertThat(report.putCalls()).isEqualTo(21);
        }
    }

    @Test
    void theDeployedFunctionJudgesAChangedInstanceFromItsItemAndAnOversizedOneFromEc2() {
        try (Ec2Client ec2 = aws.clientInAccount(CHILD, Ec2Client.builder()); SsmClient ssm = aws.clientInAccount(CHILD, SsmClient.builder())) {
            List<String> images = catalogImages(ec2, 2);
            List<String> instances = LocalFleet.launch(ec2, images, 2, 1);
            try (ActiveList ignored = new ActiveList(ssm, images.get(0))) {
                aws.faults().reset();
                JsonNode changed = invoke(ConfigFake.changeEvent(CHILD, instances.get(0), images.get(0), "running", AT, "change-token"));
                assertThat(aws.faults().calls()).as("the item says it all").doesNotContain("ec2:DescribeInstances");

                JsonNode oversized = invoke(ConfigFake.oversizedEvent(CHILD, instances.get(1), AT, "oversized-token"));
                assertThat(aws.faults().calls()).contains("ec2:DescribeInstances");

                assertThat(changed.get("compliant").asInt()).isEqualTo(1);
                assertThat(oversized.get("nonCompliant").asInt()).isEqualTo(1);
                List<ConfigFake.Call> calls = config.calls();
                assertThat(calls).extracting(c -> c.body().get("ResultToken").asText()).containsExactly("change-token", "oversized-token");
                assertThat(evaluation(calls.get(0))).isEqualTo(Map.of("id", instances.get(0), "type", "COMPLIANT",
                        "annotation", "image " + images.get(0) + " is an active golden AMI", "time", String.valueOf(AT.getEpochSecond())));
                assertThat(evaluation(calls.get(1))).isEqualTo(Map.of("id", instances.get(1), "type", "NON_COMPLIANT",
                        "annotation", "image " + images.get(1) + " is not an active golden AMI (1 active)", "time", String.valueOf(AT.getEpochSecond())));
            } finally {
                ec2.terminateInstances(r -> r.instanceIds(instances));
            }
        }
    }

    @Test
    void theDeployedFunctionReportsAMissingOrUnreadableActiveListOnTheInstanceInsteadOfFailing() {
        try (Ec2Client ec2 = aws.clientInAccount(CHILD, Ec2Client.builder()); SsmClient ssm = aws.clientInAccount(CHILD, SsmClient.builder())) {
            String image = catalogImages(ec2, 1).get(0);
            try (ActiveList ignored = new ActiveList(ssm, null)) {
                JsonNode missing = invoke(ConfigFake.changeEvent(CHILD, "i-0aaaaaaaaaaaaaaaa", image, "running", AT, "token-1"));
                aws.faults().reset();
                aws.faults().failNth("ssm:GetParameter", 1, "AccessDeniedException", 400);
                JsonNode unreadable = invoke(ConfigFake.changeEvent(CHILD, "i-0bbbbbbbbbbbbbbbb", image, "stopped", AT, "token-2"));

                assertThat(missing.get("activeListNote").asText()).isEqualTo(LATEST + " does not exist in this account and region");
                assertThat(unreadable.get("nonCompliant").asInt()).isEqualTo(1);
                List<ConfigFake.Call> calls = config.calls();
                assertThat(evaluation(calls.get(0)).get("annotation"))
                        .isEqualTo("cannot verify image " + image + ": " + LATEST + " does not exist in this account and region");
                assertThat(evaluation(calls.get(1)).get("annotation"))
                        .startsWith("cannot verify image " + image + ": " + LATEST + " could not be read (ssm:GetParameter failed with AccessDeniedException");
                assertThat(calls).extracting(c -> evaluation(c).get("type")).containsOnly("NON_COMPLIANT");
            }
        }
    }

    private JsonNode invoke(byte[] event) {
        Invocation result = aws.functions().invoke(FUNCTION, event);
        assertThat(result.error()).as(result.payloadText()).isFalse();
        return Json.read(result.payloadText());
    }

    /** The one evaluation of a call, flattened. */
    private static Map<String, String> evaluation(ConfigFake.Call call) {
        assertThat(call.body().get("Evaluations")).hasSize(1);
        JsonNode e = call.body().get("Evaluations").get(0);
        assertThat(e.get("ComplianceResourceType").asText()).isEqualTo("AWS::EC2::Instance");
        Map<String, String> flat = new HashMap<>();
        flat.put("id", e.get("ComplianceResourceId").asText());
        flat.put("type", e.get("ComplianceType").asText());
        flat.put("annotation", e.get("Annotation").asText());
        flat.put("time", String.valueOf(e.get("OrderingTimestamp").asLong()));
        return flat;
    }

    /** {@code count} distinct images of the emulator's catalog (real images there, unlike made-up ids). */
    static List<String> catalogImages(Ec2Client ec2, int count) {
        Set<String> seen = new HashSet<>();
        return ec2.describeImages(r -> r.owners("amazon")).images().stream().map(Image::imageId).filter(seen::add).limit(count).toList();
    }

    /** Sets (or, for {@code null}, deletes) an account's active list for one test and puts back what was there. */
    static final class ActiveList implements AutoCloseable {
        private final SsmClient ssm;
        private final Optional<String> before;

        ActiveList(SsmClient ssm, String value) {
            this.ssm = ssm;
            Optional<String> old;
            try {
                old = Optional.of(ssm.getParameter(r -> r.name(LATEST)).parameter().value());
            } catch (ParameterNotFoundException e) {
                old = Optional.empty();
            }
            this.before = old;
            set(value);
        }

        private void set(String value) {
            if (value == null) {
                try {
                    ssm.deleteParameter(r -> r.name(LATEST));
                } catch (ParameterNotFoundException e) {
                    // already absent
                }
            } else {
                ssm.putParameter(r -> r.name(LATEST).type(ParameterType.STRING).overwrite(true).value(value));
            }
        }

        @Override
        public void close() {
            set(before.orElse(null));
        }
    }
}
