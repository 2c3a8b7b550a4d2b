package io.gilder.build;

/**
 * Output of {@code run-build-step}.
 *
 * @param commandId the SSM command running the step, {@code null} when skipped
 * @param step      the step's label, e.g. {@code pre-update}
 * @param skipped   the request has nothing for this step (no script), so nothing runs
 */
public record StepCommand(String commandId, String step, boolean skipped) {}
