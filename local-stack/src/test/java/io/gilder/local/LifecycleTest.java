package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.local.emulator.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;

/** A stack of its own (not the shared one): everything it started is gone after close. */
class LifecycleTest {

    @Test
    void closingTheStackEndsMotoAndEveryFunctionContainer() {
        List<Long> pids;
        try (LocalStack aws = LocalStack.start(LocalStack.Options.defaults(LocalAws.root()))) {
            try (SfnClient sfn = aws.client(SfnClient.builder())) {
                Executions.run(sfn, aws.deployment().ref("BuildGoldenAmiStateMachine"), "lifecycle",
                        Json.write(Map.of()), Duration.ofSeconds(60));
            }
            pids = aws.livePids();
            assertThat(pids).as("moto and one warm function container").hasSizeGreaterThanOrEqualTo(2);
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process " + pid).isEmpty();
        }
    }
}
