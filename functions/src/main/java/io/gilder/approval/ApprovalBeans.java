package io.gilder.approval;

import io.gilder.registry.Notifier;
import io.gilder.config.GilderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.security.SecureRandom;
import java.time.Clock;

/** The approval workflow's services, made from settings. */
@ApplicationScoped
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
