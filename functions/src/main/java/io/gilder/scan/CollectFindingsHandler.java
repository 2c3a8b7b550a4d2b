package io.gilder.scan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import io.gilder.registry.EvidenceStore;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;

/**
 * "Collect Findings": fetches a finished scan's results, keeps the scanner's raw answer as evidence, and accepts
 * the findings only when that answer proves the test instance was scanned ({@link ScanProof}); otherwise the
 * build or rescan fails closed with {@code TargetNotScannedException} and no {@code findings.json} is written.
 */
@Named("collect-findings")
public class CollectFindingsHandler implements RequestHandler<CollectFindingsHandler.Input, FindingsReport> {

    /** @param instanceId and {@code privateIp} name the test instance whose scan must be proven */
    public record Input(String scanner, String scanRef, String instanceId, String privateIp, SubjectInput subject) {}

    private final Scanners scanners;
    private final EvidenceStore evidence;

    CollectFindingsHandler(Scanners scanners, EvidenceStore evidence) {
        this.scanners = scanners;
        this.evidence = evidence;
    }

    @Override
    public FindingsReport handleRequest(Input in, Context context) {
        ScanSubject subject = SubjectInput.of(in.subject(), "collect-findings");
        ScanTarget target = target(in);
        ScanResults results = scanners.named(in.scanner()).results(in.scanRef());
        String raw = evidence.put(ScanEvidence.key(subject, in.scanRef(), ScanEvidence.rawFile(results.contentType())), results.contentType(), results.raw());
        String proof = ScanProof.require(in.scanner(), in.scanRef(), target, results.coverage());
        List<Finding> findings = results.findings().stream().sorted(Finding.WORST_FIRST).toList();
        FindingsSummary summary = FindingsSummary.of(findings);
        String normalized = evidence.put(ScanEvidence.key(subject, in.scanRef(), ScanEvidence.FINDINGS), EvidenceJson.CONTENT_TYPE,
                EvidenceJson.write(new FindingsDocument(in.scanner(), in.scanRef(), subject.imageId(), proof, summary, findings)));
        return new FindingsReport(in.scanner(), in.scanRef(), summary.total(), summary.highestSeverity(), summary.bySeverity(),
                new FindingsReport.Evidence(raw, normalized), proof);
    }

    /** The scanned instance; without it nothing could be proven, so the input is refused before the scanner is asked. */
    private static ScanTarget target(Input in) {
        List<FieldProblem> problems = new ArrayList<>();
        if (in.instanceId() == null || in.instanceId().isBlank()) {
            problems.add(new FieldProblem("instanceId", "is required: the test instance whose scan must be proven"));
        }
        if (in.privateIp() == null || in.privateIp().isBlank()) {
            problems.add(new FieldProblem("privateIp", "is required: the address a network scanner reports"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Invalid collect-findings input", problems);
        }
        return new ScanTarget(in.instanceId(), in.privateIp(), "");
    }
}
