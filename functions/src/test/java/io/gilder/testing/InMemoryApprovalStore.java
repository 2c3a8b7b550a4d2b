package io.gilder.testing;

import io.gilder.approval.Approval;
import io.gilder.approval.ApprovalDecision;
import io.gilder.approval.ApprovalStatus;
import io.gilder.approval.ApprovalStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The approval store's contract in memory: one conditional decide, tokens out only to the winner. */
public final class InMemoryApprovalStore implements ApprovalStore {

    private final Map<String, Approval> approvals = new HashMap<>();
    private final Map<String, String> tokens = new HashMap<>();
    public int decideCalls;

    @Override
    public synchronized void create(Approval approval, String taskToken) {
        if (approvals.putIfAbsent(approval.approvalId(), approval) != null) {
            throw new IllegalStateException("exists");
        }
        tokens.put(approval.approvalId(), taskToken);
    }

    @Override
    public synchronized Optional<Approval> find(String approvalId) {
        return Optional.ofNullable(approvals.get(approvalId));
    }

    @Override
    public synchronized Decided decide(String approvalId, ApprovalDecision.Vote vote, Instant at) {
        decideCalls++;
        Optional<ApprovalDecision.Refusal> refusal = ApprovalDecision.refusalAt(find(approvalId), at);
        if (refusal.isPresent()) {
            return new Lost(refusal.get());
        }
        approvals.put(approvalId, approvals.get(approvalId).decided(vote, at));
        return new Won(tokens.get(approvalId));
    }

    @Override
    public synchronized boolean reopen(String approvalId, Instant decidedAt) {
        Approval a = approvals.get(approvalId);
        if (a == null || !decidedAt.equals(a.decidedAt())) {
            return false;
        }
        approvals.put(approvalId, new Approval(a.approvalId(), a.executionArn(), a.imageId(), a.product(), a.os(),
                a.buildVersion(), a.sourceImageId(), a.findings(), a.evidenceLink(), a.policy(), a.createdAt(),
                a.expiresAt(), ApprovalStatus.PENDING, null, null, null));
        return true;
    }

    public synchronized String tokenOf(String approvalId) {
        return tokens.get(approvalId);
    }
}
