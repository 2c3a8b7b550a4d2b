package io.gilder.scanner.inspector;

import io.gilder.aws.AwsCall;
import io.gilder.aws.RawResponses;
import io.gilder.error.ScannerBusyException;
import io.gilder.error.ScannerRejectedException;
import io.gilder.error.ScannerResponseException;
import io.gilder.scan.Finding;
import io.gilder.scan.ScanCoverage;
import io.gilder.scan.ScanProgress;
import io.gilder.scan.ScanResults;
import io.gilder.scan.ScanStatus;
import io.gilder.scan.ScanTarget;
import io.gilder.scan.Scanner;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.inspector2.Inspector2Client;
import software.amazon.awssdk.services.inspector2.model.AccountState;
import software.amazon.awssdk.services.inspector2.model.BatchGetAccountStatusResponse;
import software.amazon.awssdk.services.inspector2.model.CoverageFilterCriteria;
import software.amazon.awssdk.services.inspector2.model.CoverageStringComparison;
import software.amazon.awssdk.services.inspector2.model.CoverageStringFilter;
import software.amazon.awssdk.services.inspector2.model.CoveredResource;
import software.amazon.awssdk.services.inspector2.model.FailedAccount;
import software.amazon.awssdk.services.inspector2.model.FilterCriteria;
import software.amazon.awssdk.services.inspector2.model.ListCoverageResponse;
import software.amazon.awssdk.services.inspector2.model.ListFindingsResponse;
import software.amazon.awssdk.services.inspector2.model.ScanStatusCode;
import software.amazon.awssdk.services.inspector2.model.ScanStatusReason;
import software.amazon.awssdk.services.inspector2.model.State;
import software.amazon.awssdk.services.inspector2.model.Status;
import software.amazon.awssdk.services.inspector2.model.StringComparison;
import software.amazon.awssdk.services.inspector2.model.StringFilter;

/**
 * Amazon Inspector (v2), which scans EC2 instances continuously on its own: nothing is launched, so the
 * scan reference is the test instance's id.
 *
 * <ul>
 *   <li>start: checks that Inspector scans EC2 instances in this account and region
 *       ({@code BatchGetAccountStatus}); if not, the error says what to enable. Still enabling is retryable.</li>
 *   <li>status: the instance's package-scan coverage ({@code ListCoverage} by instance id): not covered yet
 *       or waiting for SSM inventory is QUEUED, covered and scanned ({@code ACTIVE}, {@code SUCCESSFUL}, a
 *       {@code lastScannedAt}) is FINISHED, covered but excluded (unsupported OS, excluded by tag, stopped,
 *       a reason this SDK does not know, ...) is NOT_SCANNED: the build fails closed.</li>
 *   <li>results: every ACTIVE finding of the instance ({@code ListFindings} by resource id, page by page),
 *       normalized; the raw evidence is each page's JSON exactly as received, in {@code {"findingPages": [...]}}.
 *       The coverage is read again as the proof that the instance was scanned.</li>
 * </ul>
 * AWS failures are {@code AwsTransientException} (throttling, 5xx) or {@code AwsCallFailedException}
 * (access denied, validation), as for every AWS adapter.
 */
public class InspectorScanner implements Scanner {

    public static final String NAME = "inspector";
    static final String BATCH_GET_ACCOUNT_STATUS = "Inspector BatchGetAccountStatus";
    static final String LIST_COVERAGE = "Inspector ListCoverage";
    static final String LIST_FINDINGS = "Inspector ListFindings";
    static final int PAGE_SIZE = 100;

    /** Inactive coverage that an instance which has just booted grows out of (its SSM agent and inventory are on their way). */
    static final Set<ScanStatusReason> NOT_YET = EnumSet.of(ScanStatusReason.PENDING_INITIAL_SCAN, ScanStatusReason.UNMANAGED_EC2_INSTANCE,
            ScanStatusReason.NO_INVENTORY, ScanStatusReason.STALE_INVENTORY, ScanStatusReason.PENDING_REVIVAL_SCAN,
            ScanStatusReason.SCAN_IN_PROGRESS);
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8,17}");

    private final Supplier<Inspector2Client> client;
    private final Supplier<String> accountId;
    private final String region;
    private volatile String account;

    /**
     * @param client    an Inspector client with the {@link RawResponses} interceptor ({@code AwsClients.inspectorBuilder()}), created on first use
     * @param accountId this account's id (STS GetCallerIdentity), asked once
     * @param region    the region Inspector is asked about, for messages
     */
    public InspectorScanner(Supplier<Inspector2Client> client, Supplier<String> accountId, String region) {
        this.client = client;
        this.accountId = accountId;
        this.region = region;
    }


    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String start(ScanTarget target) {
        String instance = instanceId(target.instanceId());
        String id = account();
        BatchGetAccountStatusResponse answer = AwsCall.run(BATCH_GET_ACCOUNT_STATUS,
                () -> client.get().batchGetAccountStatus(r -> r.accountIds(id)));
        for (FailedAccount failed : answer.failedAccounts()) {
            if (id.equals(failed.accountId())) {
                throw new ScannerRejectedException(BATCH_GET_ACCOUNT_STATUS + " could not read Amazon Inspector's status in account "
                        + id + ": " + failed.errorCodeAsString() + ": " + failed.errorMessage());
            }
        }
        AccountState state = answer.accounts().stream().filter(a -> id.equals(a.accountId())).findFirst()
                .orElseThrow(() -> new ScannerResponseException(BATCH_GET_ACCOUNT_STATUS + " did not answer for account " + id, null));
        State ec2 = state.resourceState() == null ? null : state.resourceState().ec2();
        Status status = ec2 == null ? null : ec2.status();
        if (status == Status.ENABLED) {
            return instance;
        }
        if (status == Status.ENABLING) {
            throw new ScannerBusyException("Amazon Inspector is still enabling EC2 scanning in account " + id + ", region " + region
                    + "; retry later");
        }
        String why = ec2 == null ? "no EC2 status" : ec2.statusAsString()
                + (ec2.errorMessage() == null ? "" : ", " + ec2.errorCodeAsString() + ": " + ec2.errorMessage());
        throw new ScannerRejectedException("Amazon Inspector does not scan EC2 instances in account " + id + ", region " + region
                + " (EC2 scanning: " + why + "). Activate it (console: Amazon Inspector > Account management > Activate > "
                + "Amazon EC2 scanning; CLI: aws inspector2 enable --resource-types EC2 --account-ids " + id + " --region " + region
                + "), or build with another scanner");
    }

    @Override
    public ScanProgress status(String scanRef) {
        String instance = instanceId(scanRef);
        CoveredResource covered = coverage(instance);
        if (covered == null || covered.scanStatus() == null) {
            return new ScanProgress(ScanStatus.QUEUED, "not covered yet");
        }
        ScanStatusCode code = covered.scanStatus().statusCode();
        ScanStatusReason reason = covered.scanStatus().reason();
        String state = covered.scanStatus().statusCodeAsString() + " (" + covered.scanStatus().reasonAsString() + ")"
                + (covered.lastScannedAt() == null ? "" : ", last scanned " + covered.lastScannedAt());
        if (code == ScanStatusCode.ACTIVE) {
            boolean scanned = reason == ScanStatusReason.SUCCESSFUL && covered.lastScannedAt() != null;
            return new ScanProgress(scanned ? ScanStatus.FINISHED : ScanStatus.RUNNING, state);
        }
        if (code == ScanStatusCode.INACTIVE) {
            return new ScanProgress(NOT_YET.contains(reason) ? ScanStatus.QUEUED : ScanStatus.NOT_SCANNED, state);
        }
        throw new ScannerResponseException(LIST_COVERAGE + " gave instance " + instance + " the unknown scan status " + state, null);
    }

    @Override
    public ScanResults results(String scanRef) {
        String instance = instanceId(scanRef);
        FilterCriteria filter = FilterCriteria.builder()
                .resourceId(StringFilter.builder().comparison(StringComparison.EQUALS).value(instance).build())
                .findingStatus(StringFilter.builder().comparison(StringComparison.EQUALS).value("ACTIVE").build()).build();
        List<byte[]> pages = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        String token = null;
        int calls = 0;
        do {
            String next = token;
            ListFindingsResponse page = AwsCall.run(LIST_FINDINGS, () -> client.get().listFindings(r -> r.filterCriteria(filter)
                    .maxResults(PAGE_SIZE).nextToken(next).overrideConfiguration(o -> o.putExecutionAttribute(RawResponses.SINK, pages))));
            calls++;
            page.findings().forEach(f -> findings.add(InspectorFindings.finding(f)));
            token = page.nextToken() == null || page.nextToken().isEmpty() ? null : page.nextToken();
            if (token != null && token.equals(next)) {
                throw new ScannerResponseException(LIST_FINDINGS + " answered the same nextToken twice", null);
            }
        } while (token != null);
        if (pages.size() != calls) {
            throw new IllegalStateException("the Inspector client lacks the RawResponses interceptor: raw evidence was not kept");
        }
        return new ScanResults(raw(pages), "application/json", findings, proof(instance));
    }

    /**
     * The instance's coverage read again after its findings: scanned when {@code ACTIVE}, {@code SUCCESSFUL} and
     * with a {@code lastScannedAt}. An instance id is never reused, so any scan of this id is a scan of the test
     * instance after its launch.
     */
    private ScanCoverage proof(String instance) {
        CoveredResource covered = coverage(instance);
        if (covered == null || covered.scanStatus() == null) {
            return ScanCoverage.none(LIST_COVERAGE + " does not cover instance " + instance);
        }
        boolean scanned = covered.scanStatus().statusCode() == ScanStatusCode.ACTIVE
                && covered.scanStatus().reason() == ScanStatusReason.SUCCESSFUL && covered.lastScannedAt() != null;
        String detail = "coverage " + covered.scanStatus().statusCodeAsString() + " (" + covered.scanStatus().reasonAsString() + ")"
                + (covered.lastScannedAt() == null ? ", never scanned" : ", last scanned " + covered.lastScannedAt());
        return new ScanCoverage(java.util.List.of(new ScanCoverage.Host(instance, scanned, detail)), detail);
    }

    private CoveredResource coverage(String instance) {
        CoverageFilterCriteria filter = CoverageFilterCriteria.builder()
                .resourceId(equal(instance)).resourceType(equal("AWS_EC2_INSTANCE")).scanType(equal("PACKAGE")).build();
        String token = null;
        do {
            String next = token;
            ListCoverageResponse page = AwsCall.run(LIST_COVERAGE, () -> client.get().listCoverage(r -> r.filterCriteria(filter)
                    .maxResults(PAGE_SIZE).nextToken(next)));
            for (CoveredResource resource : page.coveredResources()) {
                if (instance.equals(resource.resourceId())) {
                    return resource;
                }
            }
            token = page.nextToken() == null || page.nextToken().isEmpty() || page.nextToken().equals(next) ? null : page.nextToken();
        } while (token != null);
        return null;
    }

    private static CoverageStringFilter equal(String value) {
        return CoverageStringFilter.builder().comparison(CoverageStringComparison.EQUALS).value(value).build();
    }

    /** {@code {"findingPages": [<page 1 as received>, ...]}} */
    private static byte[] raw(List<byte[]> pages) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes("{\"findingPages\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < pages.size(); i++) {
            raw.writeBytes(i == 0 ? new byte[0] : new byte[] {','});
            raw.writeBytes(pages.get(i));
        }
        raw.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return raw.toByteArray();
    }

    private String account() {
        if (account == null) {
            account = Objects.requireNonNull(accountId.get(), "account id");
        }
        return account;
    }

    private static String instanceId(String value) {
        if (value == null || !INSTANCE_ID.matcher(value).matches()) {
            throw new IllegalArgumentException("not an EC2 instance id: '" + value + "'");
        }
        return value;
    }
}
