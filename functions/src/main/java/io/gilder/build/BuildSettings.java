package io.gilder.build;

/**
 * Numbers the state machine itself needs (Wait and Task time-outs take them from the state).
 *
 * @param pollSeconds             seconds every Wait state of the workflow waits
 * @param approvalTimeoutSeconds  time-out of the approval task (equals the approval link's expiry)
 */
public record BuildSettings(int pollSeconds, long approvalTimeoutSeconds) {

    static BuildSettings of(BuildRequest request, BuildDefaults defaults) {
        return new BuildSettings(defaults.pollSeconds(), request.approvalTimeoutSeconds());
    }
}
