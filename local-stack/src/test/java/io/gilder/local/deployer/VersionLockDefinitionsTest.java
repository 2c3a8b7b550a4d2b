package io.gilder.local.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.local.LocalAws;
import io.gilder.local.emulator.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The workflows that share the version lock take it right after validation, for as long as they can run, and release
 * it on every way to an ending: no path from "Lock Version" reaches a Succeed or Fail state without passing an unlock
 * state, and no step on those paths can fail the execution without a Catch that leads to one.
 */
class VersionLockDefinitionsTest {

    private static final List<String> LOCKING = List.of("distribute-golden-ami", "revoke-golden-ami", "decommission-golden-ami");

    @Test
    void everyWayFromTheLockToAnEndingReleasesIt() throws IOException {
        for (String workflow : LOCKING) {
            String text = Files.readString(LocalAws.root().resolve("statemachines/" + workflow + ".asl.json"));
            JsonNode definition = Json.read(text.replaceAll("\\$\\{\\w+}", "1"));
            JsonNode states = definition.get("States");
            JsonNode lock = states.get("Lock Version");
            assertThat(lock).as(workflow + " has Lock Version").isNotNull();
            assertThat(lock.at("/Parameters/FunctionName").asText()).isEqualTo("1");
            assertThat(text).contains("\"FunctionName\": \"${LockVersionFunctionArn}\"");
            assertThat(lock.at("/Parameters/Payload/leaseSeconds").asLong()).as(workflow + ": the lease is the workflow's timeout")
                    .isEqualTo(definition.get("TimeoutSeconds").asLong());
            List<String> beforeLock = new ArrayList<>();
            for (String name = definition.get("StartAt").asText(); !name.equals("Lock Version"); name = states.get(name).get("Next").asText()) {
                beforeLock.add(name);
                assertThat(states.get(name).get("Type").asText()).as(workflow + ": only validation comes before the lock")
                        .isIn("Task", "Pass");
            }
            assertThat(beforeLock.get(0)).startsWith("Validate ");

            Set<String> seen = new HashSet<>();
            Deque<String> next = new ArrayDeque<>(List.of(lock.get("Next").asText()));
            while (!next.isEmpty()) {
                String name = next.pop();
                if (!seen.add(name)) {
                    continue;
                }
                JsonNode state = states.get(name);
                String type = state.get("Type").asText();
                if (name.startsWith("Unlock Version")) {
                    assertThat(state.at("/Parameters/Payload/parameterName").asText())
                            .isEqualTo(lock.at("/Parameters/Payload/parameterName").asText());
                    continue;
                }
                assertThat(type).as(workflow + ": " + name + " ends the execution while the lock is held").isNotIn("Succeed", "Fail");
                assertThat(state.has("End")).as(workflow + ": " + name).isFalse();
                if (List.of("Task", "Map", "Parallel").contains(type)) {
                    assertThat(state.path("Catch").findValues("ErrorEquals").stream().anyMatch(e -> e.toString().contains("States.ALL")))
                            .as(workflow + ": " + name + " can fail without releasing the lock").isTrue();
                }
                state.path("Catch").forEach(c -> next.push(c.get("Next").asText()));
                state.path("Choices").forEach(c -> next.push(c.get("Next").asText()));
                if (state.has("Default")) {
                    next.push(state.get("Default").asText());
                }
                if (state.has("Next")) {
                    next.push(state.get("Next").asText());
                }
            }
        }
    }
}
