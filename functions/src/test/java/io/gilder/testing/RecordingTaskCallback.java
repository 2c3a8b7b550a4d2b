package io.gilder.testing;

import io.gilder.approval.TaskCallback;
import java.util.ArrayList;
import java.util.List;

/** Records every answer; {@link #failWith} makes the next answers fail. */
public final class RecordingTaskCallback implements TaskCallback {

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
