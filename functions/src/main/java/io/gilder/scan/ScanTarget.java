package io.gilder.scan;

/**
 * What to scan.
 *
 * @param instanceId the test instance's id (scanners that find instances themselves, such as Amazon Inspector, follow it)
 * @param privateIp  the test instance's private IPv4 address (a network scanner reaches it inside the VPC)
 * @param title      scan title shown in the scanner's console; names the candidate image and the execution
 */
public record ScanTarget(String instanceId, String privateIp, String title) {}
