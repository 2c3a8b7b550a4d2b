package io.gilder.revocation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.decommission.DecommissionPlan;
import jakarta.inject.Named;

/**
 * "Withdraw From Latest" (one Map item per account and region of the plan's {@code listings}): the image's entry on
 * {@code /GoldenAMI/latest}, under the registry's lock; child accounts through the cross-account role.
 */
@Named("withdraw-golden-image")
public class WithdrawGoldenImageHandler implements RequestHandler<WithdrawGoldenImageHandler.Input, ListingWithdrawal> {

    public record Input(String executionArn, DecommissionPlan.ChildTarget target) {}

    private final ImageRevocation revocation;

    WithdrawGoldenImageHandler(ImageRevocation revocation) {
        this.revocation = revocation;
    }

    @Override
    public ListingWithdrawal handleRequest(Input input, Context context) {
        return revocation.withdraw(input.executionArn(), input.target());
    }
}
