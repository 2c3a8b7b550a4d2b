package io.gilder.start;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.error.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildStartsTest {

    private static final String ANN = "arn:aws:sts::111122223333:assumed-role/Builders/ann";
    private final List<String> events = new ArrayList<>();
    private final BuildLauncher launcher = new BuildLauncher() {
        @Override
        public String executionArn(String name) {
            return "arn:aws:states:us-east-1:111122223333:execution:gilder-build-golden-ami:" + name;
        }

        @Override
        public void start(String name, String inputJson) {
            events.add("start " + name + " " + inputJson);
        }
    };
    private final BuildStarts starts = new BuildStarts((arn, by, at) -> events.add("record " + arn + " " + by + " " + at), launcher,
            Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void theCallerIsRecordedAsStarterBeforeTheBuildStarts() {
        BuildStarts.Started started = starts.start(ANN, "{\"productName\":\"WebServer-1.0\"}", "nightly-7");

        assertThat(started.executionArn()).endsWith(":execution:gilder-build-golden-ami:nightly-7");
        assertThat(started.startedBy()).isEqualTo(ANN);
        assertThat(events).containsExactly(
                "record " + started.executionArn() + " " + ANN + " 2026-12-04T10:00:00Z",
                "start nightly-7 {\"productName\":\"WebServer-1.0\"}");
    }

    @Test
    void badRequestsAreRefusedByNameBeforeAnythingIsRecordedOrStarted() {
        assertThatThrownBy(() -> starts.start(ANN, "[1,2]", null)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("body");
        assertThatThrownBy(() -> starts.start(ANN, "{not json", null)).hasMessageContaining("body");
        assertThatThrownBy(() -> starts.start(ANN, null, null)).hasMessageContaining("body");
        assertThatThrownBy(() -> starts.start(ANN, "{\"x\":\"" + "a".repeat(BuildStarts.MAX_INPUT_BYTES) + "\"}", null))
                .hasMessageContaining("256 KiB");
        assertThatThrownBy(() -> starts.start(ANN, "{}", "no spaces allowed")).hasMessageContaining("name");
        assertThat(events).isEmpty();
        assertThat(starts.start(ANN, "{}", null).name()).startsWith("build-");
    }
}
