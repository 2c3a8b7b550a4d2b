package io.gilder.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.error.RegistryBusyException;
import io.gilder.registry.DistributionImage;
import io.gilder.registry.DistributionManifest;
import io.gilder.registry.DistributionTarget;
import io.gilder.registry.FakeEvidenceStore;
import io.gilder.registry.RegionCopy;
import io.gilder.scan.EvidenceJson;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Manifests change only by conditional writes; a run that lost the race re-reads and merges instead of overwriting. */
class S3DistributionManifestsTest {

    private static final DistributionImage IMAGE = new DistributionImage("ami-0aaaaaaaaaaaaaaaa", "gilder/web", "/GoldenAMI/AL/Web/1",
            "us-east-1", "Web", "AL", "1");

    private final FakeEvidenceStore store = new FakeEvidenceStore();
    private final S3DistributionManifests manifests = new S3DistributionManifests(store, "evidence");

    private static DistributionManifest run(String execution, String account, String region, String copy) {
        return DistributionManifest.of(IMAGE, List.of(new RegionCopy(region, copy, true)), List.of(new DistributionTarget(account, region)),
                null, execution, "2026-12-01T00:00:00Z");
    }

    private Optional<DistributionManifest> record(DistributionManifest run) {
        return manifests.update(run.key(), stored -> Optional.of(stored.map(old -> old.mergedWith(run)).orElse(run)));
    }

    @Test
    void twoRunsRecordingAtOnceBothEndUpInTheManifest() {
        DistributionManifest first = run("arn:run:1", "111111111111", "eu-west-1", "ami-0bbbbbbbbbbbbbbbb");
        DistributionManifest second = run("arn:run:2", "222222222222", "eu-central-1", "ami-0cccccccccccccccc");
        // The second run writes the new manifest between the first run's read (nothing there) and its write.
        store.beforeConditionalPut = () -> record(second);

        DistributionManifest stored = record(first).orElseThrow();

        DistributionManifest read = EvidenceJson.read(store.objects.get(first.key()), DistributionManifest.class, "manifest");
        assertThat(read).isEqualTo(stored);
        assertThat(read.executions()).containsExactly("arn:run:2", "arn:run:1");
        assertThat(read.accounts()).containsOnlyKeys("111111111111", "222222222222");
        assertThat(read.regions()).containsOnlyKeys("eu-west-1", "eu-central-1");
    }

    @Test
    void aMarkAddedWhileAnotherRunRecordsIsKept() {
        record(run("arn:run:1", "111111111111", "eu-west-1", "ami-0bbbbbbbbbbbbbbbb"));
        DistributionManifest.Revocation revocation = new DistributionManifest.Revocation("revoke", "why", "2026-12-01T01:00:00Z",
                "arn:revoke:1", null, null);
        store.beforeConditionalPut = () -> manifests.update(DistributionManifest.key("AL", "Web", "1"),
                stored -> stored.map(m -> m.revokedBy(revocation)));

        record(run("arn:run:2", "222222222222", "eu-west-1", "ami-0bbbbbbbbbbbbbbbb"));

        DistributionManifest read = manifests.read(DistributionManifest.key("AL", "Web", "1")).orElseThrow();
        assertThat(read.revoked()).isEqualTo(revocation);
        assertThat(read.executions()).containsExactly("arn:run:1", "arn:run:2");
    }

    @Test
    void aChangeThatDeclinesWritesNothing() {
        assertThat(manifests.update(DistributionManifest.key("AL", "Web", "1"), stored -> stored.map(m -> m))).isEmpty();
        assertThat(store.objects).isEmpty();
    }

    @Test
    void aManifestThatChangesUnderEveryAttemptEndsInARetryableErrorWithoutOverwriting() {
        DistributionManifest first = run("arn:run:1", "111111111111", "eu-west-1", "ami-0bbbbbbbbbbbbbbbb");
        record(first);
        int[] racers = {0};
        Runnable[] racer = new Runnable[1];
        racer[0] = () -> {
            racers[0]++;
            store.put(first.key(), "application/json", EvidenceJson.write(run("arn:other:" + racers[0], "333333333333", "eu-west-1",
                    "ami-0bbbbbbbbbbbbbbbb")));
            store.beforeConditionalPut = racer[0];
        };
        store.beforeConditionalPut = racer[0];

        assertThatThrownBy(() -> record(run("arn:run:2", "222222222222", "eu-west-1", "ami-0bbbbbbbbbbbbbbbb")))
                .isInstanceOf(RegistryBusyException.class).hasMessageContaining("s3://evidence/" + first.key());
        assertThat(racers[0]).isEqualTo(S3DistributionManifests.ATTEMPTS);
        assertThat(manifests.read(first.key()).orElseThrow().executions()).doesNotContain("arn:run:2");
    }
}
