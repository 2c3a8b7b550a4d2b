package io.gilder.approval;

import java.util.ArrayList;
import java.util.List;

/** The shared fake of {@link DecisionLog}: keeps records in order; {@link #failWith} makes every later append fail. */
public final class FakeDecisionLog implements DecisionLog {

    public final List<AuditRecord> records = new ArrayList<>();
    private RuntimeException failure;

    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    @Override
    public synchronized void append(AuditRecord record) {
        if (failure != null) {
            throw failure;
        }
        records.add(record);
    }
}
