package io.gilder.domain;

/**
 * What to scan.
 *
 * @param privateIp the test instance's private IPv4 address (the scanner appliance reaches it inside the VPC)
 * @param title     scan title shown in the scanner's console; names the candidate image and the execution
 */
public record ScanTarget(String privateIp, String title) {}
