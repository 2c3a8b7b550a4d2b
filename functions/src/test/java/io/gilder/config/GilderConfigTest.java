package io.gilder.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GilderConfigTest {

    @Test
    void primingFollowsTheInitializationTypeUnlessConfigured() {
        assertThat(GilderConfig.shouldPrime(Optional.empty(), "snap-start")).isTrue();
        assertThat(GilderConfig.shouldPrime(Optional.empty(), "provisioned-concurrency")).isTrue();
        assertThat(GilderConfig.shouldPrime(Optional.empty(), "on-demand")).isFalse();
        assertThat(GilderConfig.shouldPrime(Optional.empty(), null)).as("outside Lambda").isFalse();
        assertThat(GilderConfig.shouldPrime(Optional.of(true), "on-demand")).isTrue();
        assertThat(GilderConfig.shouldPrime(Optional.of(false), "snap-start")).isFalse();
    }
}
