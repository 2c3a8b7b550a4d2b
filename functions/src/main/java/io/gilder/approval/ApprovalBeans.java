package io.gilder.approval;

import io.gilder.registry.Notifier;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.gilder.config.GilderConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.security.SecureRandom;
import java.time.Clock;

/** The approval workflow's services, made from settings, and its Lambda boundary types for native images (see {@code BuildBeans}). */
@ApplicationScoped
@RegisterForReflection(targets = {RequestApprovalInput.class, RequestApprovalInput.ScanSummary.class,
        RequestApprovalInput.Evidence.class, RequestApprovalInput.PolicyResult.class, ApprovalTicket.class,
        APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPEvent.RequestContext.class, APIGatewayV2HTTPEvent.RequestContext.Http.class,
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.class, APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.class,
        APIGatewayV2HTTPEvent.RequestContext.IAM.class, APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity.class,
        APIGatewayV2HTTPResponse.class, ReviewSheet.class, ReviewSheet.Source.class, ReviewSheet.ScriptRun.class,
        ReviewSheet.PolicyApplied.class, ReviewSheet.ScanProof.class, ReviewSheet.TopFinding.class})
public class ApprovalBeans {

    @Produces
    @ApplicationScoped
    ApprovalRequests approvalRequests(ApprovalStore store, Notifier notifier, GilderConfig config) {
        return new ApprovalRequests(store, notifier, new ApprovalIds(SecureRandom::new), config.approvals().baseUrl().orElse(null),
                Clock.systemUTC(), config.approvals().requiredApprovals());
    }

    @Produces
    @ApplicationScoped
    SignInDesk signInDesk(ApproverSignIn signIn, ApproverSessions sessions) {
        return new SignInDesk(signIn, sessions, SecureRandom::new, Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    ApprovalDesk approvalDesk(ApprovalStore store, TaskCallback callback, BuildStarters starters, GilderConfig config) {
        return new ApprovalDesk(store, callback, Clock.systemUTC(),
                new SeparationOfDuties(config.approvals().separateFromStarter(), starters));
    }
}
