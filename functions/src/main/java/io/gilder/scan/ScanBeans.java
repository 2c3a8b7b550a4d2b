package io.gilder.scan;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * For native images, the scan evidence documents (findings, decisions) Jackson writes to and reads from S3 outside the
 * Lambda boundary: the Lambda extension registers the handlers' own input and output types, not these (see
 * ReflectionRegistrationTest). The scan sub-flow's services need no settings; the scanner adapters are made by
 * {@code io.gilder.scanner.ScannerBeans}.
 */
@RegisterForReflection(targets = {FindingsDocument.class, DecisionDocument.class, Finding.class, FindingsSummary.class, PolicyDecision.class})
public final class ScanBeans {

    private ScanBeans() {}
}
