package io.gilder.instance;

import io.gilder.build.CommandRunner;
import io.gilder.error.InstanceLostException;
import io.gilder.flow.WaitProgress;
import java.util.Optional;

/** One turn of a wait loop on an instance (see {@link InstanceCondition}); reads only. */
public final class InstanceChecks {

    static final String NOT_FOUND = "not-found";

    private final InstanceFleet fleet;
    private final CommandRunner commands;
    private final int managedAttempts;
    private final int stateAttempts;

    /**
     * @param managedAttempts bound of a wait for {@link InstanceCondition#MANAGED}
     * @param stateAttempts   bound of every other wait
     */
    public InstanceChecks(InstanceFleet fleet, CommandRunner commands, int managedAttempts, int stateAttempts) {
        this.fleet = fleet;
        this.commands = commands;
        this.managedAttempts = managedAttempts;
        this.stateAttempts = stateAttempts;
    }

    /**
     * @throws InstanceLostException when the instance is gone while waiting for anything but its termination
     * @throws io.gilder.error.WaitTimedOutException when this check reaches the loop's bound unsatisfied
     */
    public InstanceCheck check(String instanceId, InstanceCondition until, int previousAttempt) {
        Optional<InstanceFacts> facts = fleet.describe(instanceId);
        String state = facts.map(InstanceFacts::state).orElse(NOT_FOUND);
        if (until != InstanceCondition.TERMINATED && facts.map(InstanceFacts::isLost).orElse(true)) {
            throw new InstanceLostException("Instance " + instanceId + " is " + state + " while waiting for it to be "
                    + until.label());
        }
        boolean done = switch (until) {
            case TERMINATED -> facts.isEmpty() || "terminated".equals(state);
            case STOPPED -> "stopped".equals(state);
            case READY -> facts.get().isRunning() && fleet.statusChecksPassed(instanceId);
            case MANAGED -> facts.get().isRunning() && commands.isManaged(instanceId);
        };
        int bound = until == InstanceCondition.MANAGED ? managedAttempts : stateAttempts;
        WaitProgress progress = WaitProgress.after(previousAttempt, bound, done,
                "instance " + instanceId + " to be " + until.label() + " (last state: " + state + ")");
        return new InstanceCheck(progress.done(), progress.attempt(), state, facts.map(InstanceFacts::privateIp).orElse(null));
    }
}
