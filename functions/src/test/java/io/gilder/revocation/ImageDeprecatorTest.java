package io.gilder.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageDeprecatorTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T10:15:59.900Z"));
    private final Map<String, ImageDeprecation.State> images = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final ImageDeprecator deprecator = new ImageDeprecator(new ImageDeprecation() {
        @Override
        public Optional<State> state(String region, String imageId) {
            return Optional.ofNullable(images.get(imageId));
        }

        @Override
        public void deprecate(String region, String imageId, Instant at) {
            calls.add(region + " " + imageId + " " + at);
        }
    }, clock);

    @Test
    void asksForTheNextWholeMinuteButOneSoTheTimeIsNeverPastAndNeverRounded() {
        assertThat(ImageDeprecator.earliest(Instant.parse("2026-03-04T10:15:59.900Z"))).isEqualTo(Instant.parse("2026-03-04T10:17:00Z"));
        assertThat(ImageDeprecator.earliest(Instant.parse("2026-03-04T10:15:00Z"))).isEqualTo(Instant.parse("2026-03-04T10:17:00Z"));
        images.put("ami-1", new ImageDeprecation.State("ami-1", null));

        ImageDeprecated result = deprecator.deprecate("eu-west-1", "ami-1");

        assertThat(result).isEqualTo(new ImageDeprecated("eu-west-1", "ami-1", "2026-03-04T10:17:00Z", true));
        assertThat(calls).containsExactly("eu-west-1 ami-1 2026-03-04T10:17:00Z");
    }

    @Test
    void anEarlierDeprecationIsKeptAndALaterOneBroughtForward() {
        images.put("ami-early", new ImageDeprecation.State("ami-early", Instant.parse("2026-01-01T00:00:00Z")));
        images.put("ami-late", new ImageDeprecation.State("ami-late", Instant.parse("2027-01-01T00:00:00Z")));

        assertThat(deprecator.deprecate("us-east-1", "ami-early").changed()).isFalse();
        assertThat(deprecator.deprecate("us-east-1", "ami-late").changed()).isTrue();
        assertThat(calls).containsExactly("us-east-1 ami-late 2026-03-04T10:17:00Z");
    }

    @Test
    void aGoneImageIsNothingToDo() {
        assertThat(deprecator.deprecate("us-east-1", "ami-gone")).isEqualTo(new ImageDeprecated("us-east-1", "ami-gone", null, false));
        assertThat(calls).isEmpty();
    }
}
