package io.gilder.compliance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The compliance rule's evaluator. */
@ApplicationScoped
public class ComplianceBeans {

    @Produces
    @Singleton
    ComplianceEvaluator complianceEvaluator(InstanceInventory instances, GoldenImageSource goldenImages, EvaluationSink evaluations) {
        return new ComplianceEvaluator(instances, goldenImages, evaluations);
    }
}
