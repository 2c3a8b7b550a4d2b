package io.gilder.build;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "s3://my-bucket/scripts/pre.sh           | S3",
            "S3://my-bucket/pre.sh                   | S3",
            "https://example.com/harden.sh           | HTTPS",
            "https://example.com:8443/a/b.sh?v=1     | HTTPS",
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
            "https://                  | https://host/path"})
    void otherLocationsAreRefusedWithTheReason(String value, String reason) {
        Script.Result result = Script.read(value);
        assertThat(result.script()).isEmpty();
        assertThat(result.problem()).contains(reason);
    }
}
