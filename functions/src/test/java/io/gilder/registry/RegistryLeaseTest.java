package io.gilder.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RegistryLeaseTest {

    private static final Instant NOW = Instant.parse("2025-05-01T10:00:00Z");

    @Test
    void aLeaseRoundTripsThroughItsStoredForm() {
        RegistryLease lease = RegistryLease.claim("6f1c2a9e-0000-4000-8000-000000000001", NOW, Duration.ofSeconds(60));

        assertThat(lease.format()).isEqualTo("owner=6f1c2a9e-0000-4000-8000-000000000001;expires=2025-05-01T10:01:00Z");
        assertThat(RegistryLease.parse(lease.format())).isEqualTo(lease);
    }

    @Test
    void aLeaseExpiresAtItsEnd() {
        RegistryLease lease = RegistryLease.claim("a", NOW, Duration.ofSeconds(60));

        assertThat(lease.expiredAt(NOW.plusSeconds(59))).isFalse();
        assertThat(lease.expiredAt(NOW.plusSeconds(60))).isTrue();
    }

    @Test
    void anUnreadableValueIsAStaleLeaseWithAStableOwner() {
        RegistryLease junk = RegistryLease.parse("held by bob");

        assertThat(junk.expiredAt(NOW)).isTrue();
        assertThat(junk.owner()).startsWith("unreadable-").matches("[A-Za-z0-9-]+");
        assertThat(RegistryLease.parse("held by bob")).isEqualTo(junk);
        assertThat(RegistryLease.parse("owner=a;expires=tomorrow").expiredAt(NOW)).isTrue();
    }
}
