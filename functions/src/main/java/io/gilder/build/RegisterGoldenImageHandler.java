package io.gilder.build;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import jakarta.inject.Named;
import java.util.List;

/** "Register Golden Image": tags the approved image Golden, writes its parameter and adds it to the active list. */
@Named("register-golden-image")
public class RegisterGoldenImageHandler implements RequestHandler<RegisterGoldenImageHandler.Input, GoldenRegistration> {

    static final String APPROVED = "APPROVED";

    public record Input(String executionArn, String imageId, BuildRequest request, Scan scan, Approval approval) {}

    /** The part of the scan summary a registration records. */
    public record Scan(String scanner, String scanRef) {}

    /** The decision the approval page sent. */
    public record Approval(String decision, String approver, String comment, String decidedAt) {}

    private final GoldenImageRegistrar registrar;

    RegisterGoldenImageHandler(GoldenImageRegistrar registrar) {
        this.registrar = registrar;
    }

    @Override
    public GoldenRegistration handleRequest(Input input, Context context) {
        Approval approval = input.approval();
        if (approval == null || !APPROVED.equals(approval.decision())) {
            // The state machine only gets here on approval; refuse anything else rather than trust it.
            throw new InvalidRequestException("Register Golden Image input", List.of(new FieldProblem("approval.decision",
                    "must be " + APPROVED + ", not " + (approval == null ? "missing" : approval.decision()))));
        }
        String scanRef = input.scan() == null ? null : input.scan().scanRef();
        return registrar.register(input.executionArn(), input.imageId(), input.request(), approval.approver(), approval.decidedAt(), scanRef);
    }
}
