package io.gilder.config;

import io.gilder.domain.Finding;
import io.gilder.domain.FindingsReport;
import io.gilder.domain.FindingsSummary;
import io.gilder.domain.PolicyDecision;
import io.gilder.handler.CheckScanHandler;
import io.gilder.handler.CollectFindingsHandler;
import io.gilder.handler.EvaluateScanPolicyHandler;
import io.gilder.handler.StartScanHandler;
import io.gilder.scanner.DecisionDocument;
import io.gilder.scanner.FindingsDocument;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Types of the scan handlers and evidence documents that Jackson reads or writes (see {@link NativeReflection}). */
@RegisterForReflection(targets = {StartScanHandler.Input.class, StartScanHandler.Output.class, CheckScanHandler.Input.class,
        CheckScanHandler.Output.class, CollectFindingsHandler.Input.class, FindingsReport.class, FindingsReport.Evidence.class,
        EvaluateScanPolicyHandler.Input.class, EvaluateScanPolicyHandler.Output.class,
        EvaluateScanPolicyHandler.BlockingFinding.class, EvaluateScanPolicyHandler.Evidence.class, Finding.class,
        FindingsSummary.class, PolicyDecision.class, FindingsDocument.class, DecisionDocument.class})
public final class ScanReflection {

    private ScanReflection() {}
}
