package io.gilder.scan;

/**
 * A scan's status as one check saw it.
 *
 * @param status       scanner-neutral status
 * @param scannerState the scanner's own words for it, e.g. {@code Error (Scan_Failed)}, for messages to people
 */
public record ScanProgress(ScanStatus status, String scannerState) {}
