package io.gilder.instance;

import java.time.Instant;
import java.util.Map;

/**
 * An instance Gilder launched, as a sweep sees it.
 *
 * @param state      EC2's state name
 * @param launchTime when EC2 launched it ({@code null} when EC2 did not say)
 * @param tags       its tags (empty when none)
 */
public record TaggedInstance(String instanceId, String state, Instant launchTime, Map<String, String> tags) {

    public TaggedInstance {
        tags = Map.copyOf(tags == null ? Map.of() : tags);
    }
}
