package io.gilder.scan;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The scan sub-flow's Lambda boundary types, for native images (see {@code BuildBeans}). Its services need no settings;
 * the scanner adapters are made by {@code io.gilder.scanner.ScannerBeans}.
 */
@RegisterForReflection(targets = {StartScanHandler.Input.class, StartScanHandler.Output.class, CheckScanHandler.Input.class,
        CheckScanHandler.Output.class, CollectFindingsHandler.Input.class, FindingsReport.class, FindingsReport.Evidence.class,
        EvaluateScanPolicyHandler.Input.class, EvaluateScanPolicyHandler.Output.class,
        EvaluateScanPolicyHandler.BlockingFinding.class, EvaluateScanPolicyHandler.Evidence.class, Finding.class,
        FindingsSummary.class, PolicyDecision.class, FindingsDocument.class, DecisionDocument.class})
public final class ScanBeans {

    private ScanBeans() {}
}
