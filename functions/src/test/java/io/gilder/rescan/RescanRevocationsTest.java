package io.gilder.rescan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gilder.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RescanRevocationsTest {

    private static final String RUN = "arn:aws:states:us-east-1:123456789012:execution:gilder-rescan-golden-amis:nightly-1";
    private final List<Map<String, Object>> started = new ArrayList<>();
    private final RescanRevocations revocations = new RescanRevocations((name, input) -> {
        started.add(Map.of("name", name, "input", input));
        return new RevocationStarter.Started("arn:exec:" + name, name, false);
    });

    @Test
    void aPassedPolicyStartsNothing() {
        assertThat(revocations.request(Map.of("run", RUN, "image", Map.of("imageId", "ami-0123456789abcdef0",
                "policy", Map.of("passed", true))))).isEmpty();
        assertThat(started).isEmpty();
    }

    @Test
    void aFailedPolicyStartsARevocationNamedAfterRunAndImage() {
        var result = revocations.request(Map.of("run", RUN, "image", Map.of("imageId", "ami-0123456789abcdef0",
                "policy", Map.of("passed", false, "reason", "2 critical"), "evidence", Map.of("findings", "s3://gilder-evidence/k.json"))));

        assertThat(result).isPresent();
        String name = RescanRevocations.executionName(RUN, "ami-0123456789abcdef0");
        assertThat(name).matches("rescan-ami-0123456789abcdef0-[0-9a-f]{16}").hasSizeLessThanOrEqualTo(80)
                .isEqualTo(RescanRevocations.executionName(RUN, "ami-0123456789abcdef0"))
                .isNotEqualTo(RescanRevocations.executionName(RUN + "x", "ami-0123456789abcdef0"));
        assertThat(started).singleElement().isEqualTo(Map.of("name", name, "input", Map.of("imageId", "ami-0123456789abcdef0",
                "reason", "2 critical", "trigger", Map.of("rescanRun", RUN, "findings", "s3://gilder-evidence/k.json"))));
    }

    @Test
    void aMalformedRequestNamesItsFields() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> revocations.request(Map.of("run", "nightly",
                "image", Map.of("imageId", "ami-1", "policy", Map.of("passed", "no"), "evidence", Map.of("findings", "/tmp/f.json")))));
        assertThat(e.fields()).containsExactlyInAnyOrder("run", "image.imageId", "image.policy.passed", "image.evidence.findings");
        assertThat(started).isEmpty();
    }
}
