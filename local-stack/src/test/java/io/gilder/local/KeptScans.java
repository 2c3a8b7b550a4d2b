package io.gilder.local;

import io.gilder.local.emulator.ExecutionEndings;
import io.gilder.local.fakes.ScanRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scans the scanner fakes keep ({@link ScanRecords}), compared around a run: a failed, aborted or timed-out build or
 * rescan leaves none of its own once Discard Scans ran for it, and removes no other. The test enables the delivery of
 * endings to that function ({@code executionEndings().enableFirstPassesFor(KeptScans.DISCARD)}, or {@code enableFor} when the test
 * also waits for the second pass). Only the first pass is looked at here.
 */
final class KeptScans {

    static final String DISCARD = "DiscardScansFunction";

    private final Set<String> before;
    private boolean cleaned;

    private KeptScans(Set<String> before) {
        this.before = before;
    }

    /** What the scanners keep now. */
    static KeptScans of(LocalStack aws) {
        return new KeptScans(keys(aws));
    }

    /**
     * What is wrong at the scanners after the ended execution {@code executionArn}: its own scans still kept (after waiting
     * up to {@code timeout} for Discard Scans, so that its calls are over before the next run), a scan kept before that is
     * gone, a failed delivery.
     */
    List<String> problemsAfter(LocalStack aws, String executionArn, Duration timeout) {
        List<String> problems = new ArrayList<>();
        Optional<ExecutionEndings.Delivery> delivery = awaitDiscard(aws, executionArn, timeout);
        List<String> left = added(aws);
        if (!left.isEmpty()) {
            problems.add("scans left at the scanner " + left + (delivery.isEmpty() ? " (Discard Scans never ran for it; problems "
                    + aws.executionEndings().problems() + ")" : " (Discard Scans answered " + delivery.get().answer().payloadText() + ")"));
        }
        Set<String> now = keys(aws);
        List<String> removed = before.stream().filter(k -> !now.contains(k)).toList();
        if (!removed.isEmpty()) {
            problems.add("scans of other runs removed " + removed);
        }
        delivery.filter(d -> d.answer().error()).ifPresent(d -> problems.add("Discard Scans failed: " + d.answer().payloadText()));
        delivery.filter(d -> !d.answer().error()).ifPresent(d -> io.gilder.local.emulator.Json.read(d.answer().payloadText())
                .path("removed").forEach(refs -> cleaned |= refs.size() > 0));
        return problems;
    }

    /** Whether Discard Scans removed scans of the run {@link #problemsAfter} checked: the check had something to see. */
    boolean cleaned() {
        return cleaned;
    }

    /** The scans kept now that were not kept before. */
    List<String> added(LocalStack aws) {
        return keys(aws).stream().filter(k -> !before.contains(k)).sorted().toList();
    }

    static Optional<ExecutionEndings.Delivery> awaitDiscard(LocalStack aws, String executionArn, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<ExecutionEndings.Delivery> found = aws.executionEndings().deliveries().stream()
                    .filter(d -> d.executionArn().equals(executionArn) && d.function().equals(DISCARD) && !d.queued()).findFirst();
            if (found.isPresent() || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static Set<String> keys(LocalStack aws) {
        return ScanRecords.of(aws.wiremock()).kept().stream().map(k -> k.scanner() + " " + k.ref() + " '" + k.title() + "'")
                .collect(Collectors.toSet());
    }
}
