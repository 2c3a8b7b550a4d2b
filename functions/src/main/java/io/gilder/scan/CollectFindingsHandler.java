package io.gilder.scan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.registry.EvidenceStore;
import jakarta.inject.Named;
import java.util.List;

/** "Collect Findings": fetches a finished scan's results and keeps them, raw and normalized, as evidence. */
@Named("collect-findings")
public class CollectFindingsHandler implements RequestHandler<CollectFindingsHandler.Input, FindingsReport> {

    public record Input(String scanner, String scanRef, SubjectInput subject) {}

    private final Scanners scanners;
    private final EvidenceStore evidence;

    CollectFindingsHandler(Scanners scanners, EvidenceStore evidence) {
        this.scanners = scanners;
        this.evidence = evidence;
    }

    @Override
    public FindingsReport handleRequest(Input in, Context context) {
        ScanSubject subject = SubjectInput.of(in.subject(), "collect-findings");
        ScanResults results = scanners.named(in.scanner()).results(in.scanRef());
        List<Finding> findings = results.findings().stream().sorted(Finding.WORST_FIRST).toList();
        FindingsSummary summary = FindingsSummary.of(findings);
        String raw = evidence.put(ScanEvidence.key(subject, in.scanRef(), ScanEvidence.rawFile(results.contentType())), results.contentType(), results.raw());
        String normalized = evidence.put(ScanEvidence.key(subject, in.scanRef(), ScanEvidence.FINDINGS), EvidenceJson.CONTENT_TYPE,
                EvidenceJson.write(new FindingsDocument(in.scanner(), in.scanRef(), subject.imageId(), summary, findings)));
        return new FindingsReport(in.scanner(), in.scanRef(), summary.total(), summary.highestSeverity(), summary.bySeverity(),
                new FindingsReport.Evidence(raw, normalized));
    }

}
