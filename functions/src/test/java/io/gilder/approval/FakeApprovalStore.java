package io.gilder.approval;

import io.gilder.error.AwsTransientException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The shared fake of {@link ApprovalStore} (where fakes live: {@code io.gilder.testing}'s package-info): the store's
 * contract in memory, one conditional decide, tokens out only to the winner; {@link #failWith} makes every call fail.
 */
public final class FakeApprovalStore implements ApprovalStore {

    private final Map<String, Approval> approvals = new HashMap<>();
    private final Map<String, String> tokens = new HashMap<>();
    /** Per approval, the voters whose approval is counted. */
    private final Map<String, java.util.Set<String>> voters = new HashMap<>();
    public int decideCalls;
    private Throwable failure;
    /** Per approval, the voter whose vote decided it. */
    private final Map<String, String> deciders = new HashMap<>();
    private boolean loseNextAnswer;

    /** The next deciding write lands, then fails as if its answer were lost on the way back (the SDK's retries too). */
    public synchronized FakeApprovalStore loseNextAnswer() {
        loseNextAnswer = true;
        return this;
    }

    /** Every later call throws {@code failure} (a {@link RuntimeException} or an {@link Error}), e.g. to show the store is never reached. */
    public FakeApprovalStore failWith(Throwable failure) {
        if (!(failure instanceof RuntimeException || failure instanceof Error)) {
            throw new IllegalArgumentException("a store fails with unchecked exceptions only: " + failure);
        }
        this.failure = failure;
        return this;
    }

    @Override
    public synchronized void create(Approval approval, String taskToken) {
        failIfAsked();
        if (approvals.putIfAbsent(approval.approvalId(), approval) != null) {
            throw new IllegalStateException("exists");
        }
        tokens.put(approval.approvalId(), taskToken);
    }

    @Override
    public synchronized Optional<Approval> find(String approvalId) {
        failIfAsked();
        return Optional.ofNullable(approvals.get(approvalId));
    }

    @Override
    public synchronized Decided decide(String approvalId, ApprovalDecision.Vote vote, String voter, Instant at) {
        failIfAsked();
        decideCalls++;
        Optional<ApprovalDecision.Refusal> refusal = ApprovalDecision.refusalAt(find(approvalId), at);
        if (refusal.isPresent()) {
            Approval decided = approvals.get(approvalId);
            boolean own = decided != null && decided.status() == vote.decision() && voter.equals(deciders.get(approvalId));
            return own ? new Won(tokens.get(approvalId), decided) : new Lost(refusal.get());
        }
        java.util.Set<String> counted = voters.computeIfAbsent(approvalId, id -> new java.util.HashSet<>());
        if (vote.decision() == ApprovalStatus.APPROVED && counted.contains(voter)) {
            return new Lost(ApprovalDecision.Refusal.ALREADY_VOTED);
        }
        Approval current = approvals.get(approvalId);
        counted.add(voter);
        if (vote.decision() == ApprovalStatus.DENIED || current.approvalsMissing() <= 1) {
            approvals.put(approvalId, current.decided(vote, at));
            deciders.put(approvalId, voter);
            if (loseNextAnswer) {
                loseNextAnswer = false;
                throw new AwsTransientException("DynamoDB UpdateItem: the answer was lost (the write landed)", null);
            }
            return new Won(tokens.get(approvalId), approvals.get(approvalId));
        }
        approvals.put(approvalId, current.counted(vote));
        return new Counted(approvals.get(approvalId));
    }

    @Override
    public synchronized Optional<String> decidedToken(String approvalId) {
        failIfAsked();
        Approval a = approvals.get(approvalId);
        return a == null || a.status() == ApprovalStatus.PENDING ? Optional.empty() : Optional.ofNullable(tokens.get(approvalId));
    }

    public synchronized String tokenOf(String approvalId) {
        return tokens.get(approvalId);
    }

    private void failIfAsked() {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }
}
