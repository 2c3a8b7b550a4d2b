package io.gilder.instance;

import io.gilder.build.CommandOutcome;
import io.gilder.build.CommandRunner;
import io.gilder.build.ShellCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** In-memory instances and commands for the services' unit tests; records every call. */
public final class FakeInstances implements InstanceFleet, CommandRunner {

    final Map<String, InstanceFacts> instances = new HashMap<>();
    final Set<String> statusOk = new HashSet<>();
    final Set<String> managed = new HashSet<>();
    public final Map<String, CommandOutcome> outcomes = new HashMap<>();
    public final List<ShellCommand> sent = new ArrayList<>();
    public final List<String> calls = new ArrayList<>();

    FakeInstances with(String instanceId, String state) {
        instances.put(instanceId, new InstanceFacts(instanceId, state, "10.0.0.9"));
        return this;
    }

    @Override
    public LaunchedInstance launch(InstanceLaunch launch) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<InstanceFacts> describe(String instanceId) {
        calls.add("describe " + instanceId);
        return Optional.ofNullable(instances.get(instanceId));
    }

    @Override
    public boolean statusChecksPassed(String instanceId) {
        calls.add("status " + instanceId);
        return statusOk.contains(instanceId);
    }

    @Override
    public void stop(String instanceId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void terminate(String instanceId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void forEachLive(Map<String, String> tags, java.util.function.Consumer<List<TaggedInstance>> page) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> terminateAll(java.util.Collection<String> instanceIds) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isManaged(String instanceId) {
        calls.add("managed " + instanceId);
        return managed.contains(instanceId);
    }

    @Override
    public String send(ShellCommand command) {
        sent.add(command);
        return "cmd-" + sent.size();
    }

    @Override
    public CommandOutcome outcome(String commandId, String instanceId) {
        calls.add("outcome " + commandId + " " + instanceId);
        return outcomes.getOrDefault(commandId, CommandOutcome.pending());
    }
}
