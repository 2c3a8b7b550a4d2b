package io.gilder.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gilder.error.InvalidRequestException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevocationRequestParserTest {

    @Test
    void readsEveryField() {
        RevocationRequest r = RevocationRequestParser.parse(Map.of("imageId", "ami-0123456789abcdef0", "region", "eu-west-1",
                "reason", "CVE", "mode", "deprecate", "trigger", Map.of("rescanRun",
                        "arn:aws:states:us-east-1:123456789012:execution:gilder-rescan:run-1", "findings", "s3://bucket/f.json")));

        assertThat(r).isEqualTo(new RevocationRequest("ami-0123456789abcdef0", "eu-west-1", "CVE", RevocationMode.DEPRECATE,
                new RevocationRequest.Trigger("arn:aws:states:us-east-1:123456789012:execution:gilder-rescan:run-1", "s3://bucket/f.json")));
        assertThat(RevocationRequestParser.parse(Map.of("imageId", "ami-0123456789abcdef0", "reason", "x")).mode())
                .as("no mode: the stack's default").isNull();
    }

    @Test
    void namesEveryBadField() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> RevocationRequestParser.parse(Map.of(
                "imageId", "ami-XYZ", "reason", "", "mode", "delete", "force", true, "trigger", Map.of("rescanRun", "run-1", "findings", "/tmp/f"))));

        assertThat(e.fields()).containsExactlyInAnyOrder("force", "imageId", "reason", "mode", "trigger.rescanRun", "trigger.findings");
        assertThat(e.getMessage()).contains("one of report, deprecate, revoke");
    }

    @Test
    void aMissingImageAndReasonAreNamed() {
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> RevocationRequestParser.parse(Map.of())).fields())
                .isEqualTo(List.of("imageId", "reason"));
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> RevocationRequestParser.parse("ami-1")).fields())
                .contains("request");
    }
}
