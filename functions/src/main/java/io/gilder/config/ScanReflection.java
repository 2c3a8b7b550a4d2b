package io.gilder.config;

import io.gilder.scan.CheckScanHandler;
import io.gilder.scan.CollectFindingsHandler;
import io.gilder.scan.DecisionDocument;
import io.gilder.scan.EvaluateScanPolicyHandler;
import io.gilder.scan.Finding;
import io.gilder.scan.FindingsDocument;
import io.gilder.scan.FindingsReport;
import io.gilder.scan.FindingsSummary;
import io.gilder.scan.PolicyDecision;
import io.gilder.scan.StartScanHandler;
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
