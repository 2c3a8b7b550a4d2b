package io.gilder.compliance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

/**
 * The AWS Config custom rule of child accounts: EC2 instances are COMPLIANT only when they run an active
 * golden AMI of their account and region. Config invokes it on configuration changes of an instance and
 * periodically; verdicts go back to Config with {@code PutEvaluations}.
 */
@Named("evaluate-instance-compliance")
public class EvaluateInstanceComplianceHandler implements RequestHandler<ConfigRuleEvent, ComplianceReport> {

    private static final Logger LOG = Logger.getLogger(EvaluateInstanceComplianceHandler.class);

    private final ComplianceEvaluator evaluator;

    EvaluateInstanceComplianceHandler(ComplianceEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public ComplianceReport handleRequest(ConfigRuleEvent event, Context context) {
        ComplianceReport report = evaluator.evaluate(event.trigger(), event.resultToken());
        LOG.infof("%s", report);
        return report;
    }
}
