package io.gilder.rescan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.gilder.build.ScanPolicy;
import io.gilder.registry.InstanceRole;
import io.gilder.scan.Finding;
import io.gilder.scan.FindingsReport;
import io.gilder.scan.ScanSubject;
import jakarta.inject.Named;
import java.util.List;

/**
 * "Compare With Last Scan": this rescan's findings against the image's previous scan and the stack's scan policy;
 * stores {@code delta.json} beside the findings, then moves {@code rescans/last/<image>.json} to this scan.
 */
@Named("compare-with-last-scan")
public class CompareWithLastScanHandler implements RequestHandler<CompareWithLastScanHandler.Input, RescanImageResult> {

    /** How many new findings the result names; {@code delta.json} keeps them all. */
    static final int MAX_NEW_IDS = 20;

    /** The fields of {@code $.subject} the comparison reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Subject(String imageId, String os, String product, String version, String scanner) {}

    /** @param run the rescan run (parent execution ARN), recorded in the pointer */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(Subject subject, FindingsReport scan, String run) {}

    private final ScanHistory history;
    private final ScanPolicy policy;
    private final java.time.Clock clock;

    @jakarta.inject.Inject
    CompareWithLastScanHandler(ScanHistory history, ScanPolicy policy) {
        this(history, policy, java.time.Clock.systemUTC());
    }

    CompareWithLastScanHandler(ScanHistory history, ScanPolicy policy, java.time.Clock clock) {
        this.history = history;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public RescanImageResult handleRequest(Input in, Context context) {
        Subject s = in.subject();
        ScanSubject subject = new ScanSubject(s.imageId(), InstanceRole.RESCAN, s.os(), s.product(), s.version(), null, s.scanner(), null, null);
        FindingsReport scan = in.scan();
        FindingsReport.Evidence stored = scan.evidence() == null ? new FindingsReport.Evidence(null, null) : scan.evidence();
        List<Finding> current = history.findings(subject, scan.scanner(), scan.scanRef());
        ScanHistory.Previous previous = history.previous(subject, scan.scanRef());
        // Judged on today's date: an exception that lapsed since the image was approved no longer hides its finding.
        RescanComparison c = RescanComparison.of(current, previous.kind(), previous.findings(), history.approvedPolicy(subject).orElse(policy),
                java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
        String delta = history.record(subject, scan.scanner(), scan.scanRef(), stored.findings(), in.run(), previous, c);
        return new RescanImageResult(RescanImageResult.SCANNED, s.imageId(), s.os(), s.product(), s.version(), scan.scanner(),
                scan.scanRef(), c.findings().bySeverity(), c.findings().total(), previous.kind().label(),
                new RescanImageResult.Added(c.delta().added().size(), c.delta().addedSummary().bySeverity(), c.newIds(MAX_NEW_IDS)),
                new RescanImageResult.Resolved(c.delta().resolved().size()),
                new RescanImageResult.Policy(c.policy().passed(), c.policy().reason()),
                new RescanImageResult.Evidence(stored.raw(), stored.findings(), delta), null, null, null);
    }
}
