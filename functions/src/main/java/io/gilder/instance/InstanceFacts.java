package io.gilder.instance;

/**
 * What EC2 reports about one instance.
 *
 * @param state     EC2 state name: pending, running, shutting-down, terminated, stopping or stopped
 * @param privateIp primary private IPv4 address; {@code null} once terminated
 */
public record InstanceFacts(String instanceId, String state, String privateIp) {

    /** The instance is gone or going, so it can never become managed, ready or stopped. */
    public boolean isLost() {
        return "terminated".equals(state) || "shutting-down".equals(state);
    }

    public boolean isRunning() {
        return "running".equals(state);
    }
}
