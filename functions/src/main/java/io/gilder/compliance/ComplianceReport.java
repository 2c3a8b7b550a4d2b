package io.gilder.compliance;

/**
 * What one run of the compliance rule reported to AWS Config.
 *
 * @param trigger        the trigger's kind, e.g. {@code Periodic}
 * @param putCalls       {@code PutEvaluations} calls made (each with at most {@link ComplianceEvaluator#MAX_PER_CALL})
 * @param failed         evaluations Config refused (its {@code FailedEvaluations})
 * @param activeListNote why the active list was unusable, or {@code null} when it was read
 */
public record ComplianceReport(String trigger, int evaluated, int compliant, int nonCompliant, int notApplicable,
        int putCalls, int failed, String activeListNote) {}
