package io.gilder.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gilder.local.Builds;
import io.gilder.local.Executions;
import io.gilder.local.Inbox;
import io.gilder.local.LocalImages;
import io.gilder.local.LocalStack;
import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import io.gilder.local.fakes.InspectorFake;
import io.gilder.local.fakes.QualysFake;
import io.gilder.local.fakes.TenableFake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * {@code make demo}: starts the local stack and drives the shipped state machines with the shipped
 * sample inputs, printing what happened. Everything it starts is stopped before it returns.
 * {@code make demo CLICK=1} waits for a person to open the approval link and decide in a browser.
 */
public final class Demo {

    /** {@code make demo SCANNER=...}: the scanners the demo can play, and who plays each. */
    private static final Map<String, String> SCANNERS = Map.of(
            "qualys", "Qualys VM played by WireMock",
            "tenable", "Tenable Vulnerability Management played by WireMock",
            "inspector", "Amazon Inspector played by moto and WireMock",
            "none", "no scan: allowUnscanned is set, the image is registered as unscanned");

    /** The workflow's phases, each named by the state it starts with. */
    private static final Map<String, String> PHASES = phases();

    private Demo() {}

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("gilder.root", ".")).toAbsolutePath().normalize();
        boolean waitForClick = Boolean.getBoolean("gilder.demo.click");
        String scanner = System.getProperty("gilder.demo.scanner", "qualys");
        if (!SCANNERS.containsKey(scanner)) {
            throw new IllegalArgumentException("SCANNER=" + scanner + ": choose one of " + SCANNERS.keySet());
        }
        Instant start = Instant.now();
        System.out.println("Gilder demo: the golden AMI pipeline on a local AWS emulator (no AWS account used)");
        List<Long> pids;
        LocalStack.Options options = LocalStack.Options.defaults(root).withParameter("ScannerType", scanner);
        if (scanner.equals("none")) {
            options = options.withParameter("AllowUnscannedImages", "true");
        }
        boolean encrypted = Boolean.getBoolean("gilder.demo.encrypted");
        if (encrypted) {
            // The key ARNs must be stack parameters before the stack starts, while moto names keys randomly: the
            // parameters name an alias per region, made below once moto runs (a key's alias ARN is a valid key id).
            options = options.withParameter("ImageEncryption", "CustomerManagedKey")
                    .withParameter("ImageKmsKeyArn", demoKeyAlias(LocalNames.REGION))
                    .withParameter("RegionKmsKeyArns", "eu-west-1=" + demoKeyAlias("eu-west-1"));
        }
        try (LocalStack aws = LocalStack.start(options);
                Builds builds = new Builds(aws);
                Ec2Client ec2 = aws.client(Ec2Client.builder())) {
            System.out.printf("  local AWS endpoint %s, started in %.1f s; logs in %s%n%n", aws.endpoint(),
                    seconds(Duration.between(start, Instant.now())), root.relativize(aws.workDir()));
            if (encrypted) {
                createDemoKeys(aws);
            }
            ObjectNode request = sample(root, "events/build-golden-ami/default.json");
            request.put("sourceAmiId", LocalImages.amazonLinux(ec2));
            playScanner(aws, scanner, request);

            ObjectNode bad = request.deepCopy();
            bad.put("productName", "Web Server");
            bad.put("preUpdateScript", "http://example.com/pre.sh");
            System.out.println("1. An invalid request (product name with a space, script over plain http) is refused before anything is created:");
            Executions.Result refused = builds.await(builds.start("demo-invalid-" + System.nanoTime(), bad), Duration.ofMinutes(2));
            System.out.printf("   %s with %s%n     %s%n%n", refused.status(), refused.error(), message(refused.cause()));

            System.out.printf("2. Build, scan and approve events/build-golden-ami/default.json with scanner %s (%s):%n", scanner,
                    SCANNERS.get(scanner));
            String arn = builds.start("demo-build-" + System.nanoTime(), request);
            Inbox.Mail mail = builds.awaitApprovalMail(arn, request.get("productName").asText(), Duration.ofMinutes(5))
                    .orElseThrow(() -> new IllegalStateException("no approval e-mail: " + builds.await(arn, Duration.ofSeconds(10)).cause()));
            String link = mail.link().orElseThrow();
            System.out.printf("   approval e-mail \"%s\" links to%n     %s%n", mail.subject(), link);
            if (waitForClick) {
                System.out.println("   waiting for you to open the link, sign in at the local identity provider (any user name, claims");
                System.out.println("   " + io.gilder.local.ApproverBrowser.approverClaims("you@example.com") + ") and press Approve or Deny ...");
            } else {
                var anonymous = builds.open(link);
                System.out.printf("   opened without signing in: HTTP %d, to the identity provider (%s); nothing shown%n",
                        anonymous.statusCode(), aws.approverIssuer());
                var approver = new io.gilder.local.ApproverBrowser();
                var page = approver.signIn(link, "demo-approver",
                        io.gilder.local.ApproverBrowser.approverClaims("approver@example.com"));
                System.out.printf("   signed in as approver@example.com (group %s): HTTP %d, the page shows the candidate%n",
                        io.gilder.local.LocalStack.APPROVERS_GROUP, page.statusCode());
                var answer = approver.post(link, "decision=APPROVED&comment=" + java.net.URLEncoder.encode("approved by make demo",
                        java.nio.charset.StandardCharsets.UTF_8) + "&csrf=" + io.gilder.local.ApproverBrowser.csrf(page).orElse(""));
                System.out.printf("   pressed Approve (GET changes nothing; the POST carries the session's CSRF token): HTTP %d%n",
                        answer.statusCode());
            }
            Executions.Result built = builds.await(arn, waitForClick ? Duration.ofHours(72) : Duration.ofMinutes(5));
            printBuild(built);
            if (built.status() == ExecutionStatus.SUCCEEDED) {
                printApproverTags(aws, Json.read(built.output()).at("/registered/imageId").asText());
                distributeAndDecommission(aws, root, request, scanner, encrypted);
            }
            pids = aws.livePids();
        }
        long left = pids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).count();
        System.out.printf("%nStopped the local stack (moto and %d function container(s)); processes still running: %d. Total %.1f s.%n",
                pids.size() - 1, left, seconds(Duration.between(start, Instant.now())));
        if (left > 0) {
            System.exit(1);
        }
    }

    static final List<String> DEMO_REGIONS = List.of(LocalNames.REGION, "eu-west-1");

    private static String demoKeyAlias(String region) {
        return "arn:aws:kms:" + region + ":" + LocalNames.ACCOUNT + ":alias/gilder-demo-images";
    }

    /**
     * ENCRYPTED=1: a customer managed key per region (its default key policy lets the account's IAM, so the pipeline,
     * create grants) behind the alias the stack parameters name; prints the key used in each region.
     */
    private static void createDemoKeys(LocalStack aws) {
        System.out.println("   encryption on (ImageEncryption=CustomerManagedKey, one key per region; README, Encrypted images):");
        for (String region : DEMO_REGIONS) {
            try (KmsClient kms = aws.clientInAccount(LocalNames.ACCOUNT, KmsClient.builder(), Region.of(region))) {
                String key = kms.createKey(r -> r.description("Gilder demo image key, " + region)).keyMetadata().arn();
                kms.createAlias(r -> r.aliasName("alias/gilder-demo-images").targetKeyId(key));
                System.out.printf("     %-12s key %s (%s)%n", region, key, demoKeyAlias(region));
            }
        }
        System.out.println();
    }

    /** ENCRYPTED=1: the grants Gilder holds on each region's key (named gilder-..., see KeyGrants). */
    private static void printDemoGrants(LocalStack aws, String when) {
        for (String region : DEMO_REGIONS) {
            try (KmsClient kms = aws.clientInAccount(LocalNames.ACCOUNT, KmsClient.builder(), Region.of(region))) {
                String key = kms.describeKey(r -> r.keyId(demoKeyAlias(region))).keyMetadata().arn();
                long grants = kms.listGrantsPaginator(r -> r.keyId(key)).grants().stream()
                        .filter(g -> g.name() != null && g.name().startsWith("gilder-")).count();
                System.out.printf("   key of %-12s %s: %d Gilder grant(s) %s%n", region, key, grants, when);
            }
        }
    }

    /** Makes the chosen scanner's fake answer for the build's test instance and names the scanner in the request. */
    private static void playScanner(LocalStack aws, String scanner, ObjectNode request) {
        switch (scanner) {
            case "qualys" -> aws.qualys(QualysFake.Options.defaults());
            case "tenable" -> aws.tenable(TenableFake.Options.defaults());
            case "inspector" -> aws.inspector(InspectorFake.Options.defaults());
            default -> request.put("allowUnscanned", true);
        }
        request.put("scanner", scanner);
    }

    /** Steps 3 to 6: the approved image to both fake child accounts in two regions, the compliance rule's verdicts, rescans, then retired everywhere. */
    private static void distributeAndDecommission(LocalStack aws, Path root, ObjectNode built, String scanner, boolean encrypted) {
        ObjectNode distribution = sample(root, "events/distribute-golden-ami/default.json");
        distribution.put("productName", built.get("productName").asText());
        distribution.put("productOSAndVersion", built.get("productOSAndVersion").asText());
        distribution.put("buildVersion", built.get("buildVersion").asText());
        var targets = distribution.putArray("targets");
        LocalNames.CHILD_ACCOUNTS.forEach(account -> targets.addObject().put("accountId", account)
                .putArray("regions").add(LocalNames.REGION).add("eu-west-1"));
        Footprint footprint = new Footprint(aws, "/GoldenAMI/" + built.get("productOSAndVersion").asText() + "/"
                + built.get("productName").asText() + "/" + built.get("buildVersion").asText(), List.of(LocalNames.REGION, "eu-west-1"));
        System.out.printf("%n3. Distribute it (events/distribute-golden-ami/default.json) to the fake child accounts %s in %s and eu-west-1:%n",
                LocalNames.CHILD_ACCOUNTS, LocalNames.REGION);
        Executions.Result distributed = run(aws, "DistributeGoldenAmiStateMachine", "demo-distribute-", distribution);
        System.out.printf("   %s in %.1f s (%d history events)%n", distributed.status(), seconds(distributed.took()), distributed.history().size());
        if (distributed.status() != ExecutionStatus.SUCCEEDED) {
            System.out.printf("   failed with %s: %s%n", distributed.error(), message(distributed.cause()));
            return;
        }
        footprint.print();
        if (encrypted) {
            printDemoGrants(aws, "after distribution (on EC2 one per account; moto reports no snapshot encryption, so none here)");
        }
        JsonNode catalog = Json.read(distributed.output()).at("/record/manifest/serviceCatalog");
        System.out.printf("   Service Catalog     product %s, version %s (template %s)%n", catalog.path("productId").asText(),
                catalog.path("provisioningArtifactId").asText(), catalog.path("templateKey").asText());

        String child = LocalNames.CHILD_ACCOUNTS.get(0);
        System.out.printf("%n4. The compliance rule in child account %s, %s: one instance of the golden AMI, one of another image, "
                + "judged on the rule's periodic trigger (AWS Config played by the demo, PutEvaluations by WireMock):%n", child, LocalNames.REGION);
        new ComplianceDemo(aws, child).show(footprint.parameter());

        rescan(aws, scanner, footprint.parameter());

        ObjectNode retire = sample(root, "events/decommission-golden-ami/default.json");
        List.of("productName", "productOSAndVersion", "buildVersion").forEach(field -> retire.put(field, built.get(field).asText()));
        System.out.printf("%n6. Decommission it (events/decommission-golden-ami/default.json):%n");
        Executions.Result retired = run(aws, "DecommissionGoldenAmiStateMachine", "demo-decommission-", retire);
        System.out.printf("   %s in %.1f s%n", retired.status(), seconds(retired.took()));
        if (retired.status() != ExecutionStatus.SUCCEEDED) {
            System.out.printf("   failed with %s: %s%n", retired.error(), message(retired.cause()));
        }
        footprint.print();
        if (encrypted) {
            printDemoGrants(aws, "after decommission");
        }
        System.out.printf("   Service Catalog     products named %s: %d%n", catalog.path("productId").isMissingNode() ? "-"
                : built.get("productName").asText() + "-" + built.get("productOSAndVersion").asText(),
                aws.serviceCatalog().productsNamed(built.get("productName").asText() + "-" + built.get("productOSAndVersion").asText()).size());
    }

    /** Step 5: the scheduled rescan, run by hand; with Qualys, again after a new urgent finding appeared. */
    private static void rescan(LocalStack aws, String scanner, String versionParameter) {
        System.out.printf("%n5. Rescan every active golden AMI (rescan-golden-amis with the schedule's input; scanner %s, the stack's choice):%n",
                scanner);
        RescanDemo rescans = new RescanDemo(aws);
        switch (scanner) { // the scanner's fake answers a new scan, with its own reference as the real scanner would give it
            case "qualys" -> aws.qualys(QualysFake.Options.defaults().withScanRef("scan/1741086000.20000"));
            case "tenable" -> aws.tenable(TenableFake.Options.defaults().withScanId("1043"));
            case "inspector" -> aws.inspector(InspectorFake.Options.defaults());
            default -> { }
        }
        if (!rescans.rescanAndPrint("demo-rescan-") || !scanner.equals("qualys")) {
            return;
        }
        aws.qualys(QualysFake.Options.defaults().withUrgentFinding().withScanRef("scan/1741090000.50000"));
        System.out.printf("%n   The Qualys fake now also reports a severity-5 finding; rescan again (new since the last scan, policy, revocation):%n");
        if (rescans.rescanAndPrint("demo-rescan-again-")) {
            try (SsmClient ssm = aws.inspector(SsmClient.builder())) {
                rescans.printRevocations(ssm.getParameter(r -> r.name(versionParameter)).parameter().value());
            }
        }
    }

    private static Executions.Result run(LocalStack aws, String machine, String prefix, ObjectNode input) {
        try (SfnClient sfn = aws.inspector(SfnClient.builder())) {
            return Executions.run(sfn, aws.deployment().ref(machine), prefix + System.nanoTime(), Json.write(input), Duration.ofMinutes(5));
        }
    }

    /** The identity the sign-in recorded on the golden image itself (tags Approver, ApprovedAt). */
    private static void printApproverTags(LocalStack aws, String imageId) {
        try (software.amazon.awssdk.services.ec2.Ec2Client ec2 = aws.client(software.amazon.awssdk.services.ec2.Ec2Client.builder())) {
            Map<String, String> tags = new LinkedHashMap<>();
            ec2.describeImages(r -> r.imageIds(imageId)).images().get(0).tags().forEach(t -> tags.put(t.key(), t.value()));
            System.out.printf("   image tags          Approver=%s ApprovedAt=%s (the verified identity of the sign-in)%n",
                    tags.get("Approver"), tags.get("ApprovedAt"));
        }
    }

    private static void printBuild(Executions.Result result) {
        Duration wall = Duration.between(result.history().get(0).timestamp(), result.history().get(result.history().size() - 1).timestamp());
        System.out.printf("   %s in %.1f s (including the time the approval page waited); time per phase:%n", result.status(), seconds(wall));
        phaseTimes(result).forEach((phase, took) -> System.out.printf("     %-28s %6d ms%n", phase, took.toMillis()));
        if (result.status() != ExecutionStatus.SUCCEEDED) {
            System.out.printf("   failed with %s: %s%n", result.error(), message(result.cause()));
            return;
        }
        JsonNode out = Json.read(result.output());
        System.out.printf("   golden AMI          %s%n", out.at("/registered/imageId").asText());
        System.out.printf("   parameters written  %s, %s = %s%n", out.at("/registered/parameterName").asText(), "/GoldenAMI/latest",
                out.at("/registered/latest").toString());
        JsonNode bySeverity = out.at("/scan/bySeverity");
        List<String> counts = new ArrayList<>();
        for (int severity = 5; severity >= 1; severity--) {
            counts.add("sev " + severity + ": " + bySeverity.path(String.valueOf(severity)).asInt());
        }
        System.out.printf("   findings            %s (scanner %s, scan %s); policy: %s%n", String.join(", ", counts),
                out.at("/scan/scanner").asText(), out.at("/scan/scanRef").asText(),
                out.at("/policy/reason").asText());
        System.out.printf("   approved by         %s at %s (\"%s\")%n", out.at("/approval/approver").asText(),
                out.at("/approval/decidedAt").asText(), out.at("/approval/comment").asText());
    }

    /** Time from each phase's first state to the next phase's (the last phase runs to the end). */
    static Map<String, Duration> phaseTimes(Executions.Result result) {
        Map<String, Instant> started = new LinkedHashMap<>();
        Instant end = null;
        for (HistoryEvent e : result.history()) {
            end = e.timestamp();
            if (e.stateEnteredEventDetails() != null && PHASES.containsKey(e.stateEnteredEventDetails().name())) {
                started.putIfAbsent(PHASES.get(e.stateEnteredEventDetails().name()), e.timestamp());
            }
        }
        Map<String, Duration> times = new LinkedHashMap<>();
        List<Map.Entry<String, Instant>> list = new ArrayList<>(started.entrySet());
        for (int i = 0; i < list.size(); i++) {
            Instant until = i + 1 < list.size() ? list.get(i + 1).getValue() : end;
            times.put(list.get(i).getKey(), Duration.between(list.get(i).getValue(), until));
        }
        return times;
    }

    private static Map<String, String> phases() {
        Map<String, String> phases = new LinkedHashMap<>();
        phases.put("Validate Build Request", "validate");
        phases.put("Launch Builder Instance", "build (launch, update, harden)");
        phases.put("Stop Builder Instance", "capture image");
        phases.put("Launch Test Instance", "scan");
        phases.put("Evaluate Scan Policy", "policy gate + approval");
        phases.put("Register Golden Image", "register");
        phases.put("Discard Candidate", "discard");
        return phases;
    }

    private static String message(String cause) {
        if (cause == null) {
            return "";
        }
        try {
            return Json.read(cause).path("errorMessage").asText(cause);
        } catch (RuntimeException notJson) {
            return cause;
        }
    }

    private static ObjectNode sample(Path root, String file) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(Files.readString(root.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
