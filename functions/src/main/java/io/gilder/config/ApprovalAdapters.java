package io.gilder.config;

import io.gilder.approval.ApprovalDesk;
import io.gilder.approval.ApprovalIds;
import io.gilder.approval.ApprovalRequests;
import io.gilder.approval.ApprovalStore;
import io.gilder.approval.TaskCallback;
import io.gilder.aws.DynamoApprovalStore;
import io.gilder.aws.SfnTaskCallback;
import io.gilder.registry.Notifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Builds the approval store, the task callback and the approval services from configuration.
 * A missing {@code gilder.approvals.*} setting fails the first call that needs it, naming it.
 */
@ApplicationScoped
public class ApprovalAdapters {

    /** How long a decided or expired approval stays readable (its page still explains) before TTL purges it. */
    static final Duration RETENTION = Duration.ofDays(30);

    @Produces
    @ApplicationScoped
    ApprovalStore approvalStore(DynamoDbClient dynamo, GilderConfig config) {
        return new DynamoApprovalStore(dynamo, config.approvals().table().orElse(null), RETENTION);
    }

    @Produces
    @ApplicationScoped
    TaskCallback taskCallback(SfnClient sfn) {
        return new SfnTaskCallback(sfn);
    }

    @Produces
    @ApplicationScoped
    ApprovalRequests approvalRequests(ApprovalStore store, Notifier notifier, GilderConfig config) {
        return new ApprovalRequests(store, notifier, new ApprovalIds(SecureRandom::new),
                config.approvals().baseUrl().orElse(null), Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    ApprovalDesk approvalDesk(ApprovalStore store, TaskCallback callback) {
        return new ApprovalDesk(store, callback, Clock.systemUTC());
    }
}
