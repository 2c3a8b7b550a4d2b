package io.gilder.instance;

import io.gilder.build.CommandOutcome;
import io.gilder.build.CommandRunner;
import io.gilder.build.ShellCommand;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The shared fake of {@link InstanceFleet} (where fakes live: {@code io.gilder.testing}'s package-info). It also
 * plays {@link CommandRunner}, SSM on the same instances, so that one log shows the order of EC2 and SSM look-ups.
 *
 * <p>Arrange: {@link #with} an instance's state, {@link #statusOk} and {@link #managed} ids, {@link #outcomes} by
 * command id, {@link #live} instances for the tag searches. Inspect: {@link #calls} (every look-up, in order),
 * {@link #launched}, {@link #stopped}, {@link #terminated} (every id, one at a time or many),
 * {@link #terminateBatches} (one entry per {@code terminateAll}), {@link #filters} (the tags of each search),
 * {@link #sent}.
 */
public final class FakeInstanceFleet implements InstanceFleet, CommandRunner {

    public final Map<String, InstanceFacts> instances = new HashMap<>();
    public final Set<String> statusOk = new HashSet<>();
    public final Set<String> managed = new HashSet<>();
    /** What {@link #forEachLive} searches, matching tags as EC2 filters do and handing them out two to a page. */
    public final List<TaggedInstance> live = new ArrayList<>();
    public final Map<String, CommandOutcome> outcomes = new HashMap<>();

    /** Every look-up: {@code describe <id>}, {@code status <id>}, {@code managed <id>}, {@code outcome <command> <id>}. */
    public final List<String> calls = new ArrayList<>();
    public final List<InstanceLaunch> launched = new ArrayList<>();
    public final List<String> stopped = new ArrayList<>();
    public final List<String> terminated = new ArrayList<>();
    public final List<List<String>> terminateBatches = new ArrayList<>();
    public final List<Map<String, String>> filters = new ArrayList<>();
    public final List<ShellCommand> sent = new ArrayList<>();

    /** Sets the instance's state (private IP 10.0.0.9), as {@code describe} will report it. */
    public FakeInstanceFleet with(String instanceId, String state) {
        instances.put(instanceId, new InstanceFacts(instanceId, state, "10.0.0.9"));
        return this;
    }

    /** Records the launch and answers {@code i-1} at 10.0.0.9. */
    @Override
    public LaunchedInstance launch(InstanceLaunch launch) {
        launched.add(launch);
        return new LaunchedInstance("i-1", "10.0.0.9");
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
        stopped.add(instanceId);
    }

    @Override
    public void terminate(String instanceId) {
        terminated.add(instanceId);
    }

    @Override
    public void forEachLive(Map<String, String> tags, Consumer<List<TaggedInstance>> page) {
        filters.add(Map.copyOf(tags));
        List<TaggedInstance> match = live.stream()
                .filter(i -> tags.entrySet().stream().allMatch(t -> t.getValue().equals(i.tags().get(t.getKey())))).toList();
        for (int from = 0; from < match.size(); from += 2) {
            page.accept(match.subList(from, Math.min(match.size(), from + 2)));
        }
    }

    @Override
    public List<String> terminateAll(Collection<String> instanceIds) {
        terminateBatches.add(List.copyOf(instanceIds));
        terminated.addAll(instanceIds);
        return List.copyOf(instanceIds);
    }

    @Override
    public boolean isManaged(String instanceId) {
        calls.add("managed " + instanceId);
        return managed.contains(instanceId);
    }

    /** Records the command and answers {@code cmd-<n>}, n counting from 1. */
    @Override
    public String send(ShellCommand command) {
        sent.add(command);
        return "cmd-" + sent.size();
    }

    /** The scripted outcome, or pending while none is. */
    @Override
    public CommandOutcome outcome(String commandId, String instanceId) {
        calls.add("outcome " + commandId + " " + instanceId);
        return outcomes.getOrDefault(commandId, CommandOutcome.pending());
    }
}
