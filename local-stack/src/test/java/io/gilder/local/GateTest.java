package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.local.fakes.InspectorFake;
import io.gilder.local.fakes.QualysFake;
import io.gilder.local.fakes.TenableFake;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The gate fails closed, end to end on the local stack: a scan that does not prove it looked at the test instance
 * fails the build with {@code TargetNotScannedException} before anyone is asked to approve, the candidate is
 * discarded and nothing is left; a stack whose network scanner cannot reach the test instance starts no build.
 * The scanners' endings are played by their fakes over real HTTP (Qualys, Tenable) or the emulator (Inspector).
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GateTest {

    private static final Duration RUN = Duration.ofMinutes(3);
    private static final String NOT_SCANNED = "io.gilder.error.TargetNotScannedException";

    private LocalStack aws;
    private Builds builds;
    private String sourceAmi;

    @BeforeAll
    void setUp(LocalStack aws) {
        this.aws = aws;
        builds = new Builds(aws);
        try (Ec2Client ec2 = aws.client(Ec2Client.builder())) {
            sourceAmi = LocalImages.amazonLinux(ec2);
        }
    }

    @BeforeEach
    void noFaults() {
        aws.faults().reset();
    }

    @Test
    void aQualysScanThatFinishedWithoutFindingTheHostFailsTheBuildClosed() {
        aws.qualys(QualysFake.Options.defaults().endingWith(QualysFake.Ending.NO_HOST));
        try {
            Refused refused = refusedAfterScan("qualys");

            assertThat(refused.result().cause()).contains("No_Host");
        } finally {
            aws.qualys(QualysFake.Options.defaults());
        }
    }

    @Test
    void aTenableExportThatListsAnotherHostFailsTheBuildClosed() {
        aws.tenable(TenableFake.Options.defaults().reportingAnotherHost());

        Refused refused = refusedAfterScan("tenable");

        assertThat(refused.result().cause()).contains("does not prove it scanned the test instance", "it names only " + TenableFake.OTHER_HOST);
        assertThat(refused.evidence()).as("raw results kept as evidence, no findings").anyMatch(k -> k.endsWith("/raw.xml"))
                .noneMatch(k -> k.endsWith("/findings.json"));
    }

    @Test
    void anInstanceInspectorCannotScanFailsTheBuildClosed() {
        aws.inspector(InspectorFake.Options.defaults().endingWith(InspectorFake.Ending.UNSUPPORTED_OS));

        Refused refused = refusedAfterScan("inspector");

        assertThat(refused.result().cause()).contains("UNSUPPORTED_OS");
    }

    @Test
    void aNetworkScannerWithoutAPathToTheTestInstanceStartsNoBuild() {
        AccountState before = AccountState.of(aws);
        Executions.Result result;
        try (var unreachable = aws.reconfigure("ValidateBuildRequestFunction",
                Map.of("GILDER_SCANNER_NETWORK_SOURCE_CIDR", "", "GILDER_SCANNER_NETWORK_SECURITY_GROUP_ID", ""))) {
            result = builds.await(builds.start(name(), request(unique("Unreachable"), "qualys")), RUN);
        }

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("io.gilder.error.InvalidRequestException");
        assertThat(result.cause()).contains("ScannerSourceCidr and ScannerSecurityGroupId are both empty");
        assertThat(result.statesEntered()).containsExactly("Validate Build Request");
        assertThat(AccountState.of(aws).newSince(before)).isEmpty();
    }

    private record Refused(Executions.Result result, List<String> evidence) {}

    /** A build with {@code scanner} that must fail closed after its scan: no approval asked, nothing left. */
    private Refused refusedAfterScan(String scanner) {
        AccountState before = AccountState.of(aws);
        String product = unique("Unproven");
        String arn = builds.start(name(), request(product, scanner));
        Executions.Result result = builds.await(arn, RUN);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).as(result.cause()).isEqualTo(NOT_SCANNED);
        assertThat(result.statesEntered()).contains("Launch Test Instance", "Discard Candidate")
                .doesNotContain("Evaluate Scan Policy", "Request Approval", "Register Golden Image");
        assertThat(aws.inbox().await(m -> m.text().contains(product) && m.subject().startsWith("Approve"), Duration.ofSeconds(1)))
                .as("no approval e-mail").isEmpty();
        assertThat(AccountState.of(aws).newSince(before)).as("candidate and instances gone").isEmpty();
        return new Refused(result, evidenceKeys(product));
    }

    private List<String> evidenceKeys(String product) {
        try (S3Client s3 = aws.client(S3Client.builder())) {
            return s3.listObjectsV2(r -> r.bucket(aws.deployment().ref("EvidenceBucket")).prefix("AmazonLinux-2023/" + product + "/"))
                    .contents().stream().map(o -> o.key()).toList();
        }
    }

    private Map<String, Object> request(String product, String scanner) {
        return new LinkedHashMap<>(Map.of("sourceAmiId", sourceAmi, "productName", product, "productOSAndVersion", "AmazonLinux-2023",
                "buildVersion", "1", "instanceType", "t3.medium", "scanner", scanner));
    }

    private static String unique(String product) {
        return product + UUID.randomUUID().toString().substring(0, 8) + "-1.0";
    }

    private static String name() {
        return "gate-" + UUID.randomUUID();
    }
}
