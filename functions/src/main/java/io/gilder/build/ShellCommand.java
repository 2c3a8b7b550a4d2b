package io.gilder.build;

import java.util.List;

/**
 * A shell script to run as root on one managed instance.
 *
 * @param comment          shown in the SSM console and unique per instance and step (at most 100 characters)
 * @param lines            the script, one line per element, run by a POSIX {@code sh}
 * @param timeoutSeconds   how long the script may run before it is stopped and reported timed out
 */
public record ShellCommand(String instanceId, String comment, List<String> lines, int timeoutSeconds) {

    public ShellCommand {
        lines = List.copyOf(lines);
    }
}
