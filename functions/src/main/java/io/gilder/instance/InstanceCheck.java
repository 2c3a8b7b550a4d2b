package io.gilder.instance;

/**
 * Output of {@code check-instance}: a {@link WaitProgress} that also says what EC2 reported.
 *
 * @param state     the EC2 state name, or {@code not-found}
 * @param privateIp primary private IPv4 address, {@code null} when EC2 reports none
 */
public record InstanceCheck(boolean done, int attempt, String state, String privateIp) {}
