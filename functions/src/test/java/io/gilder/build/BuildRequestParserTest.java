package io.gilder.build;

import io.gilder.error.InvalidRequestException;
import io.gilder.registry.NamedVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BuildRequestParserTest {

    private static final BuildDefaults DEFAULTS = BuildDefaults.standard();

    private static Map<String, Object> minimal() {
        return new HashMap<>(Map.of("sourceAmiId", "ami-0123456789abcdef0", "productName", "WebServer-1.2",
                "productOSAndVersion", "Amazon-Linux-2023", "buildVersion", "3"));
    }

    @Test
    void aMinimalRequestGetsDefaultsAndItsParameterPath() {
        BuildRequest r = BuildRequestParser.parse(minimal(), DEFAULTS);

        assertThat(r.product()).isEqualTo(new NamedVersion("WebServer", "1.2"));
        assertThat(r.os()).isEqualTo(new NamedVersion("Amazon-Linux", "2023"));
        assertThat(r.instanceType()).isEqualTo("t3.medium");
        assertThat(r.preUpdateScript()).isNull();
        assertThat(r.includePackages()).isEmpty();
        assertThat(r.parameterName()).isEqualTo("/GoldenAMI/Amazon-Linux-2023/WebServer-1.2/3");
    }

    @Test
    void everyProblemIsReportedAtOnceNamingItsField() {
        Map<String, Object> in = minimal();
        in.remove("sourceAmiId");
        in.put("buildVersion", List.of("3"));
        in.put("includePackages", List.of("ok", 7));
        in.put("instanceType", "");

        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> BuildRequestParser.parse(in, DEFAULTS));

        assertThat(e.fields()).containsExactly("sourceAmiId", "buildVersion", "instanceType", "includePackages[1]");
        assertThat(e.getMessage()).contains("buildVersion must be a JSON string, not an array",
                "includePackages[1] must be a JSON string, not a number", "instanceType must not be blank");
    }

    @Test
    void inputsThatWouldSwellTheExecutionsStateAreRefusedByName() {
        Map<String, Object> in = minimal();
        in.put("preUpdateScript", "#!/bin/bash\n" + "echo hardening\n".repeat(2000));
        in.put("postUpdateScript", "#!/bin/bash\necho fits\n");
        in.put("includePackages", java.util.Collections.nCopies(101, "nginx"));

        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> BuildRequestParser.parse(in, DEFAULTS));

        assertThat(e.fields()).containsExactlyInAnyOrder("preUpdateScript", "includePackages");
        assertThat(e.getMessage()).contains("at most 16384", "s3://bucket/key#versionId=", "at most 100");
        in.put("preUpdateScript", "#!/bin/bash\n" + "x".repeat(BuildRequestParser.MAX_INLINE_SCRIPT_BYTES - 12));
        in.put("includePackages", java.util.Collections.nCopies(100, "nginx"));
        assertThat(BuildRequestParser.parse(in, DEFAULTS).preUpdateScript()).as("exactly at the limits").isNotNull();
    }

    @Test
    void aLongBadValueIsAbbreviatedInTheMessage() {
        Map<String, Object> in = minimal();
        in.put("productName", "x".repeat(500));
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> BuildRequestParser.parse(in, DEFAULTS));
        assertThat(e.getMessage()).hasSizeLessThan(400).contains("...");
    }

    @Test
    void nullAndScalarInputsAreRejectedAsTheWholeRequest() {
        for (Object raw : new Object[] {null, "text", 42}) {
            InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> BuildRequestParser.parse(raw, DEFAULTS));
            assertThat(e.fields()).startsWith("request");
        }
    }

    @Test
    void scanPolicyAndApprovalTimeoutOverrideTheStackDefaultsFieldByField() {
        Map<String, Object> in = minimal();
        in.put("scanPolicy", Map.of("maxSeverity", 2));
        in.put("approvalTimeout", "PT8H");

        BuildRequest r = BuildRequestParser.parse(in, new BuildDefaults("t3.medium", "qualys",
                new ScanPolicy(3, List.of()), 72, 30));

        assertThat(r.scanPolicy()).isEqualTo(new ScanPolicy(2, List.of()));
        assertThat(r.approvalTimeoutSeconds()).isEqualTo(8 * 3600);
        assertThat(r.scanner()).isEqualTo("qualys");
    }

    @Test
    void badNestedPolicyFieldsAreNamedWithTheirPath() {
        Map<String, Object> in = minimal();
        in.put("scanPolicy", Map.of("maxSeverity", 9, "ignoredFindingIds", List.of(" "), "other", 1));
        in.put("approvalTimeout", "8 hours");
        in.put("scanner", "nessus");

        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> BuildRequestParser.parse(in, BuildDefaults.standard()));

        assertThat(e.fields()).containsExactlyInAnyOrder("scanPolicy.other", "scanPolicy.maxSeverity",
                "scanPolicy.ignoredFindingIds[0]", "approvalTimeout", "scanner");
    }
}
