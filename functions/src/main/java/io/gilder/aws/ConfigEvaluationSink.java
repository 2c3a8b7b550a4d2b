package io.gilder.aws;

import io.gilder.compliance.ComplianceEvaluator;
import io.gilder.compliance.EvaluationSink;
import io.gilder.compliance.InstanceEvaluation;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.Evaluation;
import software.amazon.awssdk.services.config.model.PutEvaluationsResponse;

/** {@link EvaluationSink} with AWS Config's {@code PutEvaluations}, for {@code AWS::EC2::Instance} resources. */
@Singleton
public class ConfigEvaluationSink implements EvaluationSink {

    static final String RESOURCE_TYPE = "AWS::EC2::Instance";

    private final ConfigClient config;

    /** @param config a client built with {@link #retryStrategy()} */
    @Inject
    public ConfigEvaluationSink(ConfigClient config) {
        this.config = config;
    }

    /**
     * The Config client's retries. A periodic run over a large account calls {@code PutEvaluations} up to a
     * hundred times in a row within one invocation, and the account's Config API rate is shared with every
     * other rule, so throttling is expected rather than exceptional, and there is no state machine around
     * this function to retry later. The SDK's standard strategy already recognizes every throttling answer
     * (error codes and HTTP 429) and backs off with jitter; this one only gives it more patience: up to 8
     * attempts, exponential back-off from 250 ms to 10 s on throttling, and no retry circuit breaker (whose
     * shared quota is meant for many callers, not one run that must finish). Retrying in the SDK rather than
     * around the call keeps one definition of "throttled" and lets the tests observe real retried requests.
     */
    public static RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(8)
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(250), Duration.ofSeconds(10)))
                .circuitBreakerEnabled(false)
                .build();
    }

    @Override
    public int put(String resultToken, List<InstanceEvaluation> evaluations) {
        if (evaluations.size() > ComplianceEvaluator.MAX_PER_CALL) {
            throw new IllegalArgumentException(evaluations.size() + " evaluations in one call; Config takes at most "
                    + ComplianceEvaluator.MAX_PER_CALL);
        }
        List<Evaluation> batch = evaluations.stream().map(e -> Evaluation.builder().complianceResourceType(RESOURCE_TYPE)
                .complianceResourceId(e.instanceId()).complianceType(e.compliance().name()).annotation(e.annotation())
                .orderingTimestamp(e.orderingTimestamp()).build()).toList();
        PutEvaluationsResponse response = AwsCall.run("config:PutEvaluations",
                () -> config.putEvaluations(r -> r.resultToken(resultToken).evaluations(batch)));
        return response.failedEvaluations().size();
    }
}
