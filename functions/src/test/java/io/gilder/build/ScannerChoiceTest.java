package io.gilder.build;

import io.gilder.approval.Approval;
import io.gilder.approval.ApprovalIds;
import io.gilder.approval.ApprovalRequests;
import io.gilder.approval.FakeApprovalStore;
import io.gilder.error.InvalidRequestException;
import io.gilder.registry.FakeNotifier;
import io.gilder.registry.NamedVersion;
import io.gilder.scan.PolicyDecision;
import io.gilder.scan.PolicyGate;
import io.gilder.testing.Approvals;
import io.gilder.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The scanner a build uses, and scanner {@code none}: refused unless explicitly allowed, then visible everywhere. */
class ScannerChoiceTest {

    private static final BuildDefaults QUALYS_STACK = BuildDefaults.standard();

    private static BuildDefaults stackDefaulting(String scanner, boolean allowUnscanned) {
        return new BuildDefaults("t3.medium", scanner, new ScanPolicy(3, List.of()), 72, 30, allowUnscanned);
    }

    private static Map<String, Object> request(Object... fields) {
        Map<String, Object> in = new HashMap<>(Map.of("sourceAmiId", "ami-0123456789abcdef0", "productName", "WebServer-1.2",
                "productOSAndVersion", "AmazonLinux-2023", "buildVersion", "3"));
        for (int i = 0; i < fields.length; i += 2) {
            in.put((String) fields[i], fields[i + 1]);
        }
        return in;
    }

    private static InvalidRequestException refused(Map<String, Object> in, BuildDefaults defaults) {
        return catchThrowableOfType(InvalidRequestException.class, () -> BuildRequestParser.parse(in, defaults));
    }

    @Test
    void eachScannerCanBeChosenPerBuild() {
        for (String scanner : List.of("qualys", "tenable", "inspector")) {
            assertThat(BuildRequestParser.parse(request("scanner", scanner), QUALYS_STACK).scanner()).isEqualTo(scanner);
        }
        assertThat(BuildRequestParser.parse(request(), stackDefaulting("inspector", false)).scanner()).isEqualTo("inspector");
    }

    @Test
    void aScannerTheStackIsNotSetUpForIsRefusedBeforeAnyLookUp() {
        List<String> lookedUp = new java.util.ArrayList<>();
        FakeImageCatalog images = new FakeImageCatalog();
        BuildRequestValidator validator = new BuildRequestValidator(QUALYS_STACK, images, type -> lookedUp.add(type), name -> {
            lookedUp.add(name);
            return java.util.Optional.empty();
        }, scanner -> scanner.equals("tenable") ? java.util.Optional.of("TenableScannerName is empty") : java.util.Optional.empty());

        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> validator.validate(request("scanner", "tenable")));

        assertThat(e.fields()).containsExactly("scanner");
        assertThat(e.getMessage()).contains("is tenable, which this stack is not set up to use: TenableScannerName is empty");
        assertThat(lookedUp).as("refused before any look-up").isEmpty();
        assertThat(images.found).as("refused before any image look-up").isEmpty();
        assertThat(catchThrowableOfType(Exception.class, () -> validator.validate(request("scanner", "qualys"))))
                .as("qualys is set up: validation goes on to the source image").hasMessageContaining("sourceAmiId");
    }

    @Test
    void anUnknownScannerIsRefusedListingTheChoices() {
        InvalidRequestException e = refused(request("scanner", "nessus"), QUALYS_STACK);
        assertThat(e.fields()).containsExactly("scanner");
        assertThat(e.getMessage()).contains("one of inspector, none, qualys, tenable", "\"nessus\"");
    }

    @Test
    void scannerNoneOnAStackThatDoesNotAllowUnscannedImagesIsRefusedNamingTheScanner() {
        InvalidRequestException e = refused(request("scanner", "none"), QUALYS_STACK);

        assertThat(e.fields()).containsExactly("scanner");
        assertThat(e.getMessage()).contains("scanner is none, which needs the stack's AllowUnscannedImages to be true (it is false)",
                "without any vulnerability scan");
    }

    @Test
    void aRequestCannotAllowUnscannedImagesOnAStackThatDoesNot() {
        for (String scanner : List.of("none", "tenable")) {
            InvalidRequestException e = refused(request("scanner", scanner, "allowUnscanned", true), QUALYS_STACK);
            assertThat(e.fields()).as(scanner).containsExactly("allowUnscanned");
            assertThat(e.getMessage()).contains("may be true only when the stack's AllowUnscannedImages is true", "never loosen");
        }
    }

    @Test
    void scannerNoneWithTheFlagFalseOrMalformedIsRefused() {
        assertThat(refused(request("scanner", "none", "allowUnscanned", false), stackDefaulting("qualys", true)).fields())
                .as("an explicit false wins over the stack's permission").containsExactly("allowUnscanned");
        InvalidRequestException e = refused(request("scanner", "none", "allowUnscanned", "true"), QUALYS_STACK);
        assertThat(e.fields()).as("reported once, as a type error").containsExactly("allowUnscanned");
        assertThat(e.getMessage()).contains("allowUnscanned must be a JSON boolean (true or false), not a string");
    }

    @Test
    void scannerNoneWithTheFlagIsAcceptedWhereTheStackAllowsIt() {
        BuildRequest r = BuildRequestParser.parse(request("scanner", "none", "allowUnscanned", true), stackDefaulting("qualys", true));
        assertThat(r.scanner()).isEqualTo("none");
    }

    @Test
    void aStackDefaultOfNoneNeedsTheStacksAllowUnscannedImages() {
        assertThat(BuildRequestParser.parse(request(), stackDefaulting("none", true)).scanner()).isEqualTo("none");

        InvalidRequestException e = refused(request(), stackDefaulting("none", false));
        assertThat(e.fields()).containsExactly("scanner");
        assertThat(e.getMessage()).contains("the stack's ScannerType", "AllowUnscannedImages to be true (it is false)");
    }

    @Test
    void theFlagChangesNothingForARealScanner() {
        assertThat(BuildRequestParser.parse(request("scanner", "tenable", "allowUnscanned", true), stackDefaulting("qualys", true)).scanner())
                .isEqualTo("tenable");
    }

    @Test
    void anUnscannedCandidateIsAnnouncedAsSuchAndNeverBlockedByFindings() {
        PolicyDecision decision = PolicyGate.unscanned(new ScanPolicy(1, List.of()));
        assertThat(decision.passed()).isTrue();
        assertThat(decision.reason()).startsWith("NOT SCANNED");

        FakeNotifier notifier = new FakeNotifier();
        ApprovalRequests requests = new ApprovalRequests(new FakeApprovalStore(), notifier, new ApprovalIds(SecureRandom::new),
                "https://api.example.com/approvals", new MutableClock(Approvals.CREATED));
        Approval approval = requests.open(new ApprovalRequests.Candidate("arn:aws:states:us-east-1:123456789012:execution:B:r",
                "ami-0123456789abcdef0", new NamedVersion("WebServer", "1.0"), new NamedVersion("AmazonLinux", "2023"), "7",
                "ami-0fedcba9876543210", new Approval.Findings(Map.of(), 0, 0, "none"), null,
                new Approval.Policy(decision.passed(), decision.reason())), "token", Duration.ofHours(1));

        assertThat(approval.findings().scanned()).isFalse();
        assertThat(notifier.notices.get(0).subject()).isEqualTo("Approve UNSCANNED golden image WebServer-1.0 on AmazonLinux-2023, build 7?");
        assertThat(notifier.notices.get(0).message()).contains("Findings:     NOT SCANNED").doesNotContain("0 in total");
    }

    @Test
    void theScannerSampleInputsAreValid() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String sample : List.of("tenable", "inspector", "unscanned")) {
            Object raw = json.readValue(java.nio.file.Path.of("../events/build-golden-ami/" + sample + ".json").toFile(), Object.class);
            BuildDefaults stack = sample.equals("unscanned") ? stackDefaulting("qualys", true) : QUALYS_STACK;
            assertThat(BuildRequestParser.parse(raw, stack).scanner()).as(sample)
                    .isEqualTo(sample.equals("unscanned") ? "none" : sample);
        }
    }

    @Test
    void theGoldenTagsSayWhetherAndWithWhatTheImageWasScanned() {
        assertThat(ImageTags.golden("jane", "t", "none", "unscanned"))
                .containsEntry("gilder:scanner", "none").containsEntry("gilder:scanned", "false");
        assertThat(ImageTags.golden("jane", "t", "tenable", "1042"))
                .containsEntry("gilder:scanner", "tenable").containsEntry("gilder:scanned", "true").containsEntry("ScanReference", "1042");
    }

    @Test
    void aQuorumTooLongForATagValueIsCutToEc2sLimit() {
        String quorum = String.join(", ", java.util.Collections.nCopies(5, "arn:aws:sts::111122223333:assumed-role/GilderApprover/"
                + "a-rather-long-role-session-name"));

        String tag = ImageTags.golden(quorum, "t", "tenable", "1").get("Approver");

        assertThat(tag).hasSize(256).endsWith("...").startsWith(quorum.substring(0, 200));
        assertThat(ImageTags.golden("ann@example.com, bob@example.com", "t", "tenable", "1")).containsEntry("Approver", "ann@example.com, bob@example.com");
    }
}
