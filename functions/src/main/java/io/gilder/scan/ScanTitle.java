package io.gilder.scan;

import io.gilder.registry.InstanceRole;
import java.util.regex.Pattern;

/**
 * Who owns a scan at the scanner: the execution that started it and whether it is a build's scan or a rescan's. Gilder
 * keeps no record of the scans it starts besides their titles, so this one record makes the title (Start Scan) and
 * recognizes it (Discard Scans), and the two cannot drift. A title names the image, the test instance and the
 * execution, e.g. {@code Gilder WebServer-1.2 AmazonLinux-2023 v7 ami-0abc (i-0def, execution build-42)}; a rescan's
 * starts {@code Gilder rescan }. Matching is exact on the execution's name and the kind: never a substring another
 * execution's name could contain.
 *
 * @param execution the execution's name (the last part of its ARN): the build's, or the rescan run's
 * @param rescan    whether the execution is a rescan (else a build)
 */
public record ScanTitle(String execution, boolean rescan) {

    private static final String BUILD_PREFIX = "Gilder ";
    private static final String RESCAN_PREFIX = "Gilder rescan ";
    /**
     * Step Functions execution names: up to 80 characters, never whitespace or a comma. Those two are what keeps matching
     * exact: no other name can make a title end in this one's {@code , execution <name>)}.
     */
    private static final Pattern EXECUTION_NAME = Pattern.compile("[^\\s,]{1,80}");

    public ScanTitle {
        if (execution == null || !EXECUTION_NAME.matcher(execution).matches()) {
            throw new IllegalArgumentException("not an execution name: '" + execution + "'");
        }
    }

    /** The owner of the scans of the execution {@code executionArn}. */
    public static ScanTitle of(String executionArn, boolean rescan) {
        if (executionArn == null) {
            throw new IllegalArgumentException("no execution ARN");
        }
        return new ScanTitle(executionArn.substring(executionArn.lastIndexOf(':') + 1), rescan);
    }

    /**
     * The owner of the scan of {@code subject}, started by {@code executionArn}. A rescan's scan is started in a child
     * execution of the rescan run's Distributed Map, which no status-change rule sees: its owner is the run itself, the
     * execution its subject's {@value ScanSubject#RESCAN_RUN} tag names.
     */
    public static ScanTitle of(String executionArn, ScanSubject subject) {
        if (subject.role() == InstanceRole.RESCAN) {
            String run = subject.tags().get(ScanSubject.RESCAN_RUN);
            return of(run == null || run.isBlank() ? executionArn : run, true);
        }
        return of(executionArn, false);
    }

    /** The title of the scan of {@code subject} on the test instance {@code instanceId}. */
    public String title(ScanSubject subject, String instanceId) {
        return (rescan ? RESCAN_PREFIX : BUILD_PREFIX) + subject.product() + " " + subject.os() + " v" + subject.version() + " "
                + subject.imageId() + " (" + instanceId + suffix();
    }

    /** Whether {@code title} is the title of a scan this owner started. */
    public boolean owns(String title) {
        if (title == null || !title.endsWith(suffix())) {
            return false;
        }
        return rescan ? title.startsWith(RESCAN_PREFIX) : title.startsWith(BUILD_PREFIX) && !title.startsWith(RESCAN_PREFIX);
    }

    private String suffix() {
        return ", execution " + execution + ")";
    }

    /** e.g. {@code build execution build-42} */
    @Override
    public String toString() {
        return (rescan ? "rescan" : "build") + " execution " + execution;
    }
}
