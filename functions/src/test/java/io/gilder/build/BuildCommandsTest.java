package io.gilder.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated lines are run for real under {@code dash}, the strictest common {@code /bin/sh},
 * with stubs standing in for package managers and download tools.
 */
class BuildCommandsTest {

    @TempDir
    Path dir;
    private ShellRun shell;

    @BeforeEach
    void setUp() throws Exception {
        shell = new ShellRun(dir);
    }

    private static List<String> lines(BuildStep step, BuildRequest request) {
        return BuildCommands.linesFor(step, request).orElseThrow();
    }

    private static List<String> inline(String text) {
        return lines(BuildStep.PRE_UPDATE, BuildRequests.withScripts(new Script(Script.Kind.INLINE, text), null));
    }

    @Test
    void scriptStepsWithoutAScriptAreSkippedButThePackageUpdateAlwaysRuns() {
        BuildRequest request = BuildRequests.withScripts(null, null);

        assertThat(BuildCommands.linesFor(BuildStep.PRE_UPDATE, request)).isEmpty();
        assertThat(BuildCommands.linesFor(BuildStep.POST_UPDATE, request)).isEmpty();
        assertThat(BuildCommands.linesFor(BuildStep.PACKAGE_UPDATE, request)).isPresent();
    }

    @Test
    void eachStepRunsItsOwnScript() throws Exception {
        BuildRequest request = BuildRequests.withScripts(new Script(Script.Kind.INLINE, "echo pre"),
                new Script(Script.Kind.INLINE, "echo post"));

        assertThat(shell.run(lines(BuildStep.PRE_UPDATE, request)).stdout()).isEqualTo("pre\n");
        assertThat(shell.run(lines(BuildStep.POST_UPDATE, request)).stdout()).isEqualTo("post\n");
    }

    @Test
    void anInlineScriptRunsVerbatimWithoutExpansionByTheWrapper() throws Exception {
        ShellRun.Result result = shell.run(inline("#!/bin/bash\nname='$HOME `id`'\necho \"$name\" \"${#name}\"\n"));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("$HOME `id` 10\n");
    }

    @Test
    void aFailingLineFailsTheStepWithItsExitCode() throws Exception {
        ShellRun.Result result = shell.run(inline("echo before\n(exit 3)\necho after"));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("before\n");
    }

    @Test
    void aFailingCommandInAPipelineOrAnUnsetVariableFailsTheStep() throws Exception {
        assertThat(shell.run(inline("false | cat\necho after")).exitCode()).as("pipefail").isNotZero();
        ShellRun.Result unset = shell.run(inline("echo \"$UNDEFINED_VARIABLE\"\necho after"));
        assertThat(unset.exitCode()).as("nounset").isNotZero();
        assertThat(unset.stdout()).doesNotContain("after");
    }

    @Test
    void aBashShebangStillRunsStrict() throws Exception {
        ShellRun.Result result = shell.run(inline("#!/usr/bin/env bash\nfalse\necho after"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void aScriptForAnotherInterpreterRunsUnderIt() throws Exception {
        shell.stub("myinterp", "interpreted");

        ShellRun.Result result = shell.run(inline("#!/usr/bin/env myinterp -v\nprint('hello')"));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("interpreted\n");
        assertThat(shell.calls("myinterp")).singleElement().asString().startsWith("-v /").endsWith("/step");
    }

    @Test
    void aScriptContainingTheHereDocumentDelimiterIsWrittenWhole() throws Exception {
        ShellRun.Result result = shell.run(inline("cat <<'GILDER_SCRIPT_END'\ninside\nGILDER_SCRIPT_END\necho outside"));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("inside\noutside\n");
    }

    @Test
    void theWorkDirectoryIsRemovedAfterSuccessAndFailure() throws Exception {
        String showWorkDir = "echo \"${0%/step}\"";
        String ok = shell.run(inline(showWorkDir)).stdout().trim();
        String failed = shell.run(inline(showWorkDir + "\nexit 4")).stdout().trim();

        assertThat(Path.of(ok)).isAbsolute().doesNotExist();
        assertThat(Path.of(failed)).isAbsolute().doesNotExist();
    }

    @Test
    void anS3ScriptIsFetchedWithTheAwsCli() throws Exception {
        shell.stub("aws", "");
        BuildRequest request = BuildRequests.withScripts(null, new Script(Script.Kind.S3, "s3://my-scripts/harden it.sh"));

        ShellRun.Result result = shell.run(lines(BuildStep.POST_UPDATE, request));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("fetched script ran\n");
        assertThat(shell.calls("aws")).singleElement().asString()
                .startsWith("s3 cp --only-show-errors s3://my-scripts/harden it.sh /").endsWith("/step");
    }

    @Test
    void anS3ScriptOnAnImageWithoutTheAwsCliFailsWithAReason() throws Exception {
        BuildRequest request = BuildRequests.withScripts(new Script(Script.Kind.S3, "s3://my-scripts/pre.sh"), null);

        ShellRun.Result result = shell.run(lines(BuildStep.PRE_UPDATE, request));

        assertThat(result.exitCode()).isEqualTo(127);
        assertThat(result.stderr()).contains("no AWS CLI to fetch s3:// scripts");
    }

    @Test
    void anHttpsScriptIsFetchedWithCurlHttpsOnly() throws Exception {
        shell.stub("curl", "");
        BuildRequest request = BuildRequests.withScripts(new Script(Script.Kind.HTTPS, "https://example.com/a.sh?x='1'"), null);

        ShellRun.Result result = shell.run(lines(BuildStep.PRE_UPDATE, request));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("fetched script ran\n");
        assertThat(shell.calls("curl")).singleElement().asString().startsWith("-fsS --proto =https --max-redirs 0 --retry 3 -o /")
                .endsWith("/step https://example.com/a.sh?x='1'");
    }

    @Test
    void anHttpsScriptFallsBackToWgetAndFailsWithoutEither() throws Exception {
        BuildRequest request = BuildRequests.withScripts(new Script(Script.Kind.HTTPS, "https://example.com/a.sh"), null);

        assertThat(shell.run(lines(BuildStep.PRE_UPDATE, request)).stderr()).contains("neither curl nor wget");
        shell.stub("wget", "");
        assertThat(shell.run(lines(BuildStep.PRE_UPDATE, request)).exitCode()).isZero();
        assertThat(shell.calls("wget")).singleElement().asString().startsWith("-q --max-redirect=0 -O /").endsWith("/step https://example.com/a.sh");
    }

    /** The SHA-256 of what the download stubs write. */
    static String fetchedDigest() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest((ShellRun.FETCHED + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(digest);
    }

    @Test
    void aPinnedHttpsScriptRunsOnlyWhenItsDigestMatches() throws Exception {
        shell.stub("curl", "");
        Script pinned = new Script(Script.Kind.HTTPS, "https://example.com/a.sh", fetchedDigest(), null);
        ShellRun.Result ran = shell.run(lines(BuildStep.PRE_UPDATE, BuildRequests.withScripts(pinned, null)));
        assertThat(ran.exitCode()).as(ran.stderr()).isZero();
        assertThat(ran.stdout()).isEqualTo("fetched script ran\n");

        String other = "0".repeat(64);
        Script tampered = new Script(Script.Kind.HTTPS, "https://example.com/a.sh", other, null);
        ShellRun.Result refused = shell.run(lines(BuildStep.PRE_UPDATE, BuildRequests.withScripts(tampered, null)));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stdout()).as("the file never ran").isEmpty();
        assertThat(refused.stderr()).contains("https://example.com/a.sh has sha256 " + fetchedDigest() + ", not the pinned " + other,
                "refusing to run it");
    }

    @Test
    void aVersionPinnedS3ScriptIsFetchedByItsVersionAndADigestPinIsChecked() throws Exception {
        shell.stub("aws", "");
        Script versioned = new Script(Script.Kind.S3, "s3://my-scripts/dir/harden.sh", null, "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
        ShellRun.Result ran = shell.run(lines(BuildStep.POST_UPDATE, BuildRequests.withScripts(null, versioned)));
        assertThat(ran.exitCode()).as(ran.stderr()).isZero();
        assertThat(shell.calls("aws")).singleElement().asString()
                .startsWith("s3api get-object --bucket my-scripts --key dir/harden.sh --version-id 3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY /")
                .endsWith("/step");

        Script wrongDigest = new Script(Script.Kind.S3, "s3://my-scripts/harden.sh", "f".repeat(64), null);
        ShellRun.Result refused = shell.run(lines(BuildStep.POST_UPDATE, BuildRequests.withScripts(null, wrongDigest)));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("not the pinned " + "f".repeat(64));
    }

    @Test
    void dnfUpdatesEverythingButTheExcludedPackages() throws Exception {
        shell.stub("dnf", "").stub("yum", "").stub("apt-get", "");

        ShellRun.Result result = shell.run(lines(BuildStep.PACKAGE_UPDATE, BuildRequests.withPackages(List.of(), List.of("kernel*", "nginx"))));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(shell.calls("dnf")).containsExactly("-y upgrade --refresh --exclude=kernel* --exclude=nginx [DEBIAN_FRONTEND=noninteractive]");
        assertThat(shell.calls("yum")).isEmpty();
        assertThat(shell.calls("apt-get")).isEmpty();
    }

    @Test
    void yumUpdatesOnlyTheIncludedPackages() throws Exception {
        shell.stub("yum", "");

        shell.run(lines(BuildStep.PACKAGE_UPDATE, BuildRequests.withPackages(List.of("openssl", "curl*"), List.of("kernel"))));

        assertThat(shell.calls("yum")).containsExactly("-y update --exclude=kernel openssl curl* [DEBIAN_FRONTEND=noninteractive]");
    }

    @Test
    void aptHoldsTheInstalledExcludedPackagesDuringTheUpgradeOnly() throws Exception {
        shell.stub("apt-get", "").stub("apt-mark", "").stub("dpkg-query", "linux-image-aws");

        ShellRun.Result result = shell.run(lines(BuildStep.PACKAGE_UPDATE, BuildRequests.withPackages(List.of(), List.of("linux-*"))));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String options = "-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold";
        assertThat(shell.calls("apt-get")).containsExactly("-q update [DEBIAN_FRONTEND=noninteractive]",
                "-y -q " + options + " upgrade --with-new-pkgs [DEBIAN_FRONTEND=noninteractive]");
        assertThat(shell.calls("dpkg-query")).containsExactly("-W -f=${Package}\\n linux-* [DEBIAN_FRONTEND=noninteractive]");
        assertThat(shell.calls("apt-mark")).containsExactly("showhold [DEBIAN_FRONTEND=noninteractive]",
                "hold linux-image-aws [DEBIAN_FRONTEND=noninteractive]", "unhold linux-image-aws [DEBIAN_FRONTEND=noninteractive]");
    }

    @Test
    void aptUpgradesOnlyTheIncludedPackagesAndHoldsNothingWithoutExclusions() throws Exception {
        shell.stub("apt-get", "").stub("apt-mark", "");

        shell.run(lines(BuildStep.PACKAGE_UPDATE, BuildRequests.withPackages(List.of("openssl"), List.of())));

        assertThat(shell.calls("apt-get")).last().asString().contains("install --only-upgrade openssl");
        assertThat(shell.calls("apt-mark")).isEmpty();
    }

    @Test
    void aFailingPackageManagerFailsTheStep() throws Exception {
        shell.stub("dnf", "");
        java.nio.file.Files.writeString(dir.resolve("bin/dnf"), "#!/bin/sh\necho 'Error: broken repo' >&2\nexit 1\n");

        ShellRun.Result result = shell.run(lines(BuildStep.PACKAGE_UPDATE, BuildRequests.withPackages(List.of(), List.of())));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("broken repo");
    }

    @Test
    void anImageWithoutAKnownPackageManagerFailsTheStep() throws Exception {
        ShellRun.Result result = shell.run(lines(BuildStep.PACKAGE_UPDATE, BuildRequests.withPackages(List.of(), List.of())));

        assertThat(result.exitCode()).isEqualTo(127);
        assertThat(result.stderr()).contains("no supported package manager (dnf, yum or apt-get)");
    }

    @Test
    void theCommentNamesTheStepAndExecutionWithinSsmsLimit() {
        String arn = "arn:aws:states:us-east-1:123456789012:execution:BuildGoldenAmi:";

        assertThat(BuildCommands.comment(arn + "run-1", BuildStep.PACKAGE_UPDATE)).isEqualTo("Gilder package-update for run-1");
        assertThat(BuildCommands.comment(arn + "r".repeat(80), BuildStep.PACKAGE_UPDATE)).hasSize(BuildCommands.MAX_COMMENT);
    }

    @Test
    void quotingSurvivesSingleQuotes() {
        assertThat(BuildCommands.quote("a'b")).isEqualTo("'a'\\''b'");
    }
}
