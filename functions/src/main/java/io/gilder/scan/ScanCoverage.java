package io.gilder.scan;

import java.util.List;

/**
 * What a scanner's own answer shows it scanned, read from the results it returned (never assumed from the
 * request): each host the results name, and whether the scanner reports finishing it.
 *
 * @param hosts    every host the results name
 * @param reported what the answer says as a whole, in the scanner's words, for people (e.g.
 *                 {@code the export lists no ReportHost})
 */
public record ScanCoverage(List<Host> hosts, String reported) {

    public ScanCoverage {
        hosts = List.copyOf(hosts);
    }

    /** Results that name no host at all. */
    public static ScanCoverage none(String reported) {
        return new ScanCoverage(List.of(), reported);
    }

    /**
     * One host in the results.
     *
     * @param address  how the scanner names it: an IPv4 address for network scanners, the instance id for Inspector
     * @param complete whether the scanner reports this host scanned to the end (e.g. a {@code HOST_END} time,
     *                 coverage {@code ACTIVE}/{@code SUCCESSFUL} with a scan time)
     * @param detail   the scanner's words for this host, e.g. {@code HOST_END Thu Jun 10 11:37:06 2021}
     */
    public record Host(String address, boolean complete, String detail) {}
}
