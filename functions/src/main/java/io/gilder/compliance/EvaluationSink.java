package io.gilder.compliance;

import java.util.List;

/**
 * Delivers evaluations to AWS Config ({@code PutEvaluations}). Throws {@link io.gilder.error.GilderException}
 * when delivery fails after the client's retries.
 */
public interface EvaluationSink {

    /**
     * Delivers one batch of at most 100 evaluations (Config's limit) with the result token of the event that
     * started the run.
     *
     * @return how many evaluations Config refused (its {@code FailedEvaluations}); 0 when all were taken
     */
    int put(String resultToken, List<InstanceEvaluation> evaluations);
}
