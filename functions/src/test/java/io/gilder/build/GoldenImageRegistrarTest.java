package io.gilder.build;

import io.gilder.error.VersionAlreadyRegisteredException;
import io.gilder.registry.FakeGoldenRegistry;
import io.gilder.registry.FakeNotifier;
import io.gilder.registry.GilderTags;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoldenImageRegistrarTest {

    private static final BuildRequest REQUEST = CandidateImageNameTest.request("WebServer-1.0", "AmazonLinux-2023", "1");

    private final FakeImageFactory images = new FakeImageFactory();
    private final FakeGoldenRegistry registry = new FakeGoldenRegistry();
    private final FakeNotifier notifier = new FakeNotifier();
    private final GoldenImageRegistrar registrar = new GoldenImageRegistrar(images, registry, notifier);

    @Test
    void registrationTagsTheImageAndItsSnapshotsGoldenWritesTheParameterAndNotifies() {
        String id = images.add("available", null, Map.of(GilderTags.AMI_TYPE, GilderTags.CANDIDATE), "snap-1").imageId();

        GoldenRegistration result = registrar.register("arn:aws:states:us-east-1:123456789012:execution:Build:test", id, REQUEST, "jane", "2025-05-01T10:00:00Z", "scan/1");

        assertThat(result).isEqualTo(new GoldenRegistration(id, REQUEST.parameterName(), List.of(id)));
        assertThat(registry.parameters).containsEntry(REQUEST.parameterName(), id);
        for (String resource : List.of(id, "snap-1")) {
            assertThat(images.tags.get(resource)).containsEntry(GilderTags.AMI_TYPE, GilderTags.GOLDEN)
                    .containsEntry(GilderTags.APPROVER, "jane").containsEntry(GilderTags.APPROVED_AT, "2025-05-01T10:00:00Z")
                    .containsEntry(GilderTags.SCAN_REFERENCE, "scan/1");
        }
        assertThat(notifier.notices).singleElement().asString().startsWith("Golden AMI registered").contains(id, "jane", "scan/1",
                "WebServer-1.0", "AmazonLinux-2023");
    }

    @Test
    void aRetryRegistersNothingTwice() {
        String id = images.add("available", null, Map.of()).imageId();

        registrar.register("arn:aws:states:us-east-1:123456789012:execution:Build:test", id, REQUEST, "jane", "t", "scan/1");
        GoldenRegistration again = registrar.register("arn:aws:states:us-east-1:123456789012:execution:Build:test", id, REQUEST, "jane", "t", "scan/1");

        assertThat(again.latest()).containsExactly(id);
    }

    @Test
    void aVersionTakenByAnotherImageFailsBeforeTheImageBecomesGolden() {
        String id = images.add("available", null, Map.of(GilderTags.AMI_TYPE, GilderTags.CANDIDATE)).imageId();
        registry.parameters.put(REQUEST.parameterName(), "ami-other");

        assertThatThrownBy(() -> registrar.register("arn:aws:states:us-east-1:123456789012:execution:Build:test", id, REQUEST, "jane", "t", "scan/1"))
                .isInstanceOf(VersionAlreadyRegisteredException.class);
        assertThat(images.tags.get(id)).containsEntry(GilderTags.AMI_TYPE, GilderTags.CANDIDATE);
        assertThat(registry.latest.isEmpty()).isTrue();
        assertThat(notifier.notices).isEmpty();
    }

    /** SNS refusing the notice (e.g. KMSDisabled: the topic's key is off) must not fail, and so undo, an approved registration. */
    @Test
    void aNoticeThatCannotBeSentDoesNotFailTheRegistration() {
        String id = images.add("available", null, Map.of(GilderTags.AMI_TYPE, GilderTags.CANDIDATE), "snap-1").imageId();
        GoldenImageRegistrar refused = new GoldenImageRegistrar(images, registry, (subject, message) -> {
            throw new io.gilder.error.AwsCallFailedException("sns:Publish failed with KMSDisabled: the key is disabled", null);
        });

        GoldenRegistration result = refused.register("arn:aws:states:us-east-1:123456789012:execution:Build:test", id, REQUEST, "jane",
                "t", "scan/1");

        assertThat(result.latest()).containsExactly(id);
        assertThat(registry.parameters).containsEntry(REQUEST.parameterName(), id);
        assertThat(images.tags.get(id)).containsEntry(GilderTags.AMI_TYPE, GilderTags.GOLDEN);
    }
}
