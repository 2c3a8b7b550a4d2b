package io.gilder.approval;

import java.util.ArrayList;
import java.util.List;

/** The shared fake of {@link TaskCallback} (where fakes live: {@code io.gilder.testing}'s package-info): records every answer; {@link #failWith} makes the next answers fail. */
public final class FakeTaskCallback implements TaskCallback {

    public record Answer(String taskToken, String outputJson) {}

    public final List<Answer> answers = new ArrayList<>();
    private RuntimeException failure;

    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    @Override
    public void succeed(String taskToken, String outputJson) {
        if (failure != null) {
            throw failure;
        }
        answers.add(new Answer(taskToken, outputJson));
    }
}
