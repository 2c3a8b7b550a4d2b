package io.gilder.instance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.flow.Primed;
import io.gilder.flow.Priming;
import jakarta.inject.Named;

/** One check of an instance wait loop: managed by SSM, ready, stopped or terminated. */
@Named("check-instance")
public class CheckInstanceHandler implements RequestHandler<CheckInstanceHandler.Input, InstanceCheck>, Primed {

    /** @param until {@code managed}, {@code ready}, {@code stopped} or {@code terminated} */
    public record Input(String instanceId, String until, int attempt) {}

    private final InstanceChecks checks;

    CheckInstanceHandler(InstanceChecks checks) {
        this.checks = checks;
    }

    @Override
    public InstanceCheck handleRequest(Input input, Context context) {
        return checks.check(input.instanceId(), InstanceCondition.of(input.until()), input.attempt());
    }

    @Override
    public void prime() {
        checks.check(Priming.INSTANCE_ID, InstanceCondition.TERMINATED, 0);
    }
}
