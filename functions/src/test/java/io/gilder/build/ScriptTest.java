package io.gilder.build;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "s3://my-bucket/scripts/pre.sh#versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY | S3",
            "S3://my-bucket/pre.sh#sha256=abababababababababababababababababababababababababababababababab          | S3",
            "https://example.com/harden.sh#sha256=ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB  | HTTPS",
            "https://example.com:8443/a/b.sh?v=1#sha256=0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f | HTTPS",
            "#!/bin/bash\\ncurl https://x.example/y   | INLINE",
            "dnf -y install nginx                    | INLINE"})
    void locationsAndInlineScriptsAreTold(String value, Script.Kind kind) {
        Script.Result result = Script.read(value.replace("\\n", "\n"));
        assertThat(result.problem()).isNull();
        assertThat(result.script()).hasValueSatisfying(s -> assertThat(s.kind()).isEqualTo(kind));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://example.com/pre.sh | scheme 'http'",
            "file:///etc/passwd        | scheme 'file'",
            "s3://Bad_Bucket/key       | s3://bucket/key",
            "s3://bucket               | s3://bucket/key",
            "https://                  | https://host/path",
            "https://example.com/a.sh  | must carry a sha256 pin",
            "https://example.com/a.sh#sha256=abc | not 64 hex digits",
            "https://example.com/a.sh#versionId=1 | only s3:// locations take",
            "https://example.com/a.sh#md5=abc | a pin is #sha256=<64 hex digits>",
            "s3://bucket/key.sh        | must say which version of the object runs",
            "s3://bucket/key.sh#versionId=a b | not an S3 version id",
            "s3://bucket/key.sh#versionId=1&versionId=2 | a pin is"})
    void otherLocationsAreRefusedWithTheReason(String value, String reason) {
        Script.Result result = Script.read(value);
        assertThat(result.script()).isEmpty();
        assertThat(result.problem()).contains(reason);
    }

    @org.junit.jupiter.api.Test
    void aPinIsSplitFromTheLocationAndTheDigestKeptInLowerCase() {
        Script https = Script.read("https://example.com/a.sh#sha256=ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB").script().orElseThrow();
        assertThat(https).isEqualTo(new Script(Script.Kind.HTTPS, "https://example.com/a.sh", "abababababababababababababababababababababababababababababababab", null));

        Script s3 = Script.read("s3://my-bucket/dir/pre.sh#versionId=v1.2&sha256=cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd").script().orElseThrow();
        assertThat(s3).isEqualTo(new Script(Script.Kind.S3, "s3://my-bucket/dir/pre.sh", "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd", "v1.2"));
        assertThat(s3.bucket()).isEqualTo("my-bucket");
        assertThat(s3.key()).isEqualTo("dir/pre.sh");
    }
}
