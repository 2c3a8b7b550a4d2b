package io.gilder.build.cleanup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pending approval requests per execution, in memory; {@link #calls} records who asked, in order. */
final class FakePendingApprovals implements PendingApprovals {

    final Map<String, Integer> pending = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public int endPendingOf(String executionArn) {
        calls.add(executionArn);
        Integer ended = pending.remove(executionArn);
        return ended == null ? 0 : ended;
    }
}
