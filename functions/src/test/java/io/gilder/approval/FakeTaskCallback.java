package io.gilder.approval;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The shared fake of {@link TaskCallback} (where fakes live: {@code io.gilder.testing}'s package-info): records every
 * answer that arrives. {@link #failWith} makes every later answer fail; {@link #failNext} fails only the next ones,
 * {@link #arriveThenFail} lets the next answer arrive yet report a failure (a response lost on the way back).
 * {@link #delivery} is what the execution's history reports when asked.
 */
public final class FakeTaskCallback implements TaskCallback {

    public record Answer(String taskToken, String outputJson) {}

    public final List<Answer> answers = new ArrayList<>();
    /** The execution of every {@link #delivery} question. */
    public final List<String> deliveryQuestions = new ArrayList<>();
    /** What {@link #delivery} answers; {@code null} answers from {@link #answers}: Delivered once one arrived, else Waiting. */
    public Delivery delivery;
    /** When set, {@link #delivery} throws it (the execution cannot be read either). */
    public RuntimeException deliveryFailure;
    private final Deque<Step> next = new ArrayDeque<>();
    private RuntimeException failure;

    private record Step(RuntimeException failure, boolean arrives) {}

    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** The next answers fail with these, one each, without arriving. */
    public void failNext(RuntimeException... failures) {
        for (RuntimeException f : failures) {
            next.add(new Step(f, false));
        }
    }

    /** The next answer arrives, but its sender sees {@code failure}. */
    public void arriveThenFail(RuntimeException failure) {
        next.add(new Step(failure, true));
    }

    @Override
    public void succeed(String taskToken, String outputJson) {
        Step step = next.poll();
        if (step != null) {
            if (step.arrives()) {
                answers.add(new Answer(taskToken, outputJson));
            }
            throw step.failure();
        }
        if (failure != null) {
            throw failure;
        }
        answers.add(new Answer(taskToken, outputJson));
    }

    @Override
    public Delivery delivery(String executionArn) {
        deliveryQuestions.add(executionArn);
        if (deliveryFailure != null) {
            throw deliveryFailure;
        }
        if (delivery != null) {
            return delivery;
        }
        return answers.isEmpty() ? new Delivery.Waiting() : new Delivery.Delivered();
    }
}
