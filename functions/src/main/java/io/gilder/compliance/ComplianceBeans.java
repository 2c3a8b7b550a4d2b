package io.gilder.compliance;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The compliance rule's evaluator and its Lambda boundary types for native images (see {@code BuildBeans}). */
@ApplicationScoped
@RegisterForReflection(targets = {ConfigRuleEvent.class, ComplianceReport.class})
public class ComplianceBeans {

    @Produces
    @Singleton
    ComplianceEvaluator complianceEvaluator(InstanceInventory instances, GoldenImageSource goldenImages, EvaluationSink evaluations) {
        return new ComplianceEvaluator(instances, goldenImages, evaluations);
    }
}
