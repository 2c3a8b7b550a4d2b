package io.gilder.build;

import io.gilder.registry.GoldenParameters;
import io.gilder.registry.NamedVersion;
import io.gilder.registry.ShortHash;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

public class CandidateImageNameTest {

    public static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:BuildGoldenAmi:run-1";

    public static BuildRequest request(String product, String os, String version) {
        return new BuildRequest("ami-0123456789abcdef0", NamedVersion.parse(product), NamedVersion.parse(os), version,
                "t3.medium", null, null, List.of(), List.of(), "qualys", new ScanPolicy(3, List.of()), 72,
                GoldenParameters.imageParameter(NamedVersion.parse(os), NamedVersion.parse(product), version));
    }

    @Test
    void theNameIsTheSameForTheSameExecutionAndDiffersBetweenExecutions() {
        String first = CandidateImageName.of(request("WebServer-1.0", "AmazonLinux-2023", "1"), EXECUTION);

        assertThat(first).matches("gilder/AmazonLinux-2023/WebServer-1\\.0/1/[0-9a-f]{10}");
        assertThat(CandidateImageName.of(request("WebServer-1.0", "AmazonLinux-2023", "1"), EXECUTION)).isEqualTo(first);
        assertThat(CandidateImageName.of(request("WebServer-1.0", "AmazonLinux-2023", "1"), EXECUTION + "x")).isNotEqualTo(first);
    }

    @Test
    void longNamesAreCutTo128CharactersKeepingTheExecutionHash() {
        String longName = "A" + "b".repeat(63);
        String name = CandidateImageName.of(request(longName + "-1.2.3.4", longName + "-2023.1.2.3", "10.20.30.40"), EXECUTION);

        assertThat(name).hasSizeLessThanOrEqualTo(128).endsWith("/" + ShortHash.of(EXECUTION));
        // AMI names: letters, digits, ( ) [ ] space . / - ' @ _
        assertThat(name).matches("[A-Za-z0-9()\\[\\] ./'@_-]{3,128}");
    }
}
