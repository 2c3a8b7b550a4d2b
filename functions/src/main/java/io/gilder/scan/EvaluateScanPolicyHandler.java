package io.gilder.scan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.build.BuildRequest;
import io.gilder.build.BuildRequestParser;
import io.gilder.error.FindingsNotFoundException;
import io.gilder.registry.EvidenceStore;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * "Evaluate Scan Policy": applies the request's scan policy to the stored findings and stores the decision beside them.
 * A candidate built with scanner {@code none} has no findings: its decision says it was not scanned.
 */
@Named("evaluate-scan-policy")
public class EvaluateScanPolicyHandler implements RequestHandler<EvaluateScanPolicyHandler.Input, EvaluateScanPolicyHandler.Output> {

    /** How many blocking findings travel in the state; decision.json keeps them all. */
    static final int MAX_BLOCKING_IN_OUTPUT = 20;
    /** Evidence folder of a candidate that was not scanned ({@code scan/unscanned/decision.json}). */
    static final String UNSCANNED_REF = "unscanned";

    public record Input(FindingsReport scan, String imageId, BuildRequest request) {}

    public record Output(boolean passed, String reason, List<BlockingFinding> blocking, Evidence evidence) {}

    public record BlockingFinding(String id, int severity, String title) {}

    /** References of the findings read and the decision written. */
    public record Evidence(String findings, String decision) {}

    private final EvidenceStore evidence;
    private final Clock clock;

    @Inject
    public EvaluateScanPolicyHandler(EvidenceStore evidence) {
        this(evidence, Clock.systemUTC());
    }

    EvaluateScanPolicyHandler(EvidenceStore evidence, Clock clock) {
        this.evidence = evidence;
        this.clock = clock;
    }

    @Override
    public Output handleRequest(Input in, Context context) {
        if (BuildRequestParser.NO_SCANNER.equals(in.scan().scanner())) {
            // "Skip Scan": no findings exist; the decision records that the candidate was not scanned.
            String decisionRef = evidence.put(ScanEvidence.key(in.request(), in.imageId(), UNSCANNED_REF, ScanEvidence.DECISION),
                    EvidenceJson.CONTENT_TYPE, EvidenceJson.write(new DecisionDocument(in.scan().scanner(), UNSCANNED_REF,
                            in.imageId(), PolicyGate.unscanned(in.request().scanPolicy()))));
            return new Output(true, PolicyGate.UNSCANNED_REASON, List.of(), new Evidence(null, decisionRef));
        }
        String findingsKey = ScanEvidence.key(in.request(), in.imageId(), in.scan().scanRef(), ScanEvidence.FINDINGS);
        FindingsDocument findings = EvidenceJson.read(evidence.get(findingsKey).orElseThrow(() -> new FindingsNotFoundException(
                "No normalized findings of " + in.scan().scanner() + " scan " + in.scan().scanRef() + " at " + findingsKey)),
                FindingsDocument.class, findingsKey);
        PolicyDecision decision = PolicyGate.evaluate(in.request().scanPolicy(), findings.findings(),
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        String decisionRef = evidence.put(ScanEvidence.key(in.request(), in.imageId(), in.scan().scanRef(), ScanEvidence.DECISION),
                EvidenceJson.CONTENT_TYPE, EvidenceJson.write(new DecisionDocument(in.scan().scanner(), in.scan().scanRef(),
                        in.imageId(), decision)));
        List<BlockingFinding> blocking = decision.blocking().stream().limit(MAX_BLOCKING_IN_OUTPUT)
                .map(f -> new BlockingFinding(f.id(), f.severity(), f.title())).toList();
        return new Output(decision.passed(), decision.reason(), blocking, new Evidence(in.scan().evidence().findings(), decisionRef));
    }
}
