package io.gilder.build;

import java.util.Set;

/**
 * How one command stands on one instance, as SSM reports it.
 *
 * @param status   SSM invocation status: Pending, InProgress, Delayed, Success, Failed, Cancelled,
 *                 Cancelling or TimedOut
 * @param exitCode the script's exit code; negative while running or when the script never exited
 * @param stdout   what SSM kept of standard output (it keeps the last 24,000 characters), may be empty
 * @param stderr   what SSM kept of standard error, may be empty
 */
public record CommandOutcome(String status, int exitCode, String stdout, String stderr) {

    private static final Set<String> RUNNING = Set.of("Pending", "InProgress", "Delayed");
    static final int TAIL_LINES = 20;
    /** Per stream, so the two tails together stay within about 1,500 characters. */
    static final int TAIL_CHARS = 750;

    /** Not finished yet (including a command SSM has not yet recorded on the instance). */
    public static CommandOutcome pending() {
        return new CommandOutcome("Pending", -1, "", "");
    }

    public boolean running() {
        return RUNNING.contains(status);
    }

    public boolean succeeded() {
        return "Success".equals(status);
    }

    /** Finished without success: failed, cancelled (or cancelling), timed out, or any status SSM adds later. */
    public boolean failed() {
        return !running() && !succeeded();
    }

    /** One message for people: the step, where, how it ended, and the end of its output. */
    public String describeFailure(String step, String instanceId) {
        StringBuilder message = new StringBuilder("Build step ").append(step).append(" on ").append(instanceId)
                .append(" ended ").append(status).append(exitCode >= 0 ? " with exit code " + exitCode : " without an exit code");
        appendTail(message, "stderr", stderr);
        appendTail(message, "stdout", stdout);
        return message.toString();
    }

    private static void appendTail(StringBuilder message, String name, String text) {
        String tail = tail(text, TAIL_LINES, TAIL_CHARS);
        if (!tail.isEmpty()) {
            message.append("\n--- last lines of ").append(name).append(" ---\n").append(tail);
        }
    }

    /**
     * The last {@code maxLines} lines of {@code text}, without trailing blank lines, cut to the last
     * {@code maxChars} characters (marked with a leading "…") when still longer.
     */
    static String tail(String text, int maxLines, int maxChars) {
        if (text == null) {
            return "";
        }
        String trimmed = text.stripTrailing();
        int start = trimmed.length();
        for (int lines = 0; lines < maxLines && start > 0; lines++) {
            start = trimmed.lastIndexOf('\n', start - 1);
            if (start < 0) {
                start = 0;
                break;
            }
        }
        String tail = trimmed.substring(start).replaceFirst("^\n", "");
        return tail.length() <= maxChars ? tail : "…" + tail.substring(tail.length() - (maxChars - 1));
    }
}
