package io.gilder.build;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns a build step of a request into the shell lines that {@code AWS-RunShellScript} runs as root
 * on the builder.
 *
 * <p>The lines themselves are POSIX {@code sh} (the agent's shell is {@code dash} on Debian and
 * Ubuntu): they put the step's script in a private temporary directory, run it, and remove it.
 * A script without a {@code #!} line, or one naming {@code bash} or {@code sh}, runs under
 * {@code bash -euo pipefail}, so any failing line or pipeline fails the step; a script naming another
 * interpreter ({@code #!/usr/bin/env python3}) runs under that interpreter. Its exit code is the step's.
 *
 * <p>Where scripts come from:
 * <ul>
 * <li>inline: the text, in a quoted here-document (nothing in it is expanded);</li>
 * <li>{@code s3://}: {@code aws s3 cp} with the instance profile's credentials ({@code aws s3api get-object
 *     --version-id} for a version-pinned one). An image without the
 *     AWS CLI fails the step with a message saying so. The alternative, a presigned URL made by the
 *     Lambda, would put a bearer credential into the command's parameters, which SSM keeps in its
 *     command history, so Gilder does not do that: use an {@code https://} or inline script there;</li>
 * <li>{@code https://}: {@code curl} (or {@code wget}), https only, following no redirect.</li>
 * </ul>
 * A pinned script's SHA-256 is checked before it runs; a different file fails the step and never runs.
 * The package update detects {@code dnf}, {@code yum} or {@code apt-get}, runs non-interactively, and
 * never touches the excluded packages ({@code --exclude=} for dnf and yum; {@code apt-mark hold} for
 * apt, released afterwards so the image keeps no holds Gilder added).
 */
public final class BuildCommands {

    /** How long one step may run; SSM stops it and reports {@code TimedOut} after that. */
    public static final int STEP_TIMEOUT_SECONDS = 3600;

    /** SSM accepts command comments of at most 100 characters. */
    static final int MAX_COMMENT = 100;

    private static final String SCRIPT = "\"$work/step\"";
    private static final String DELIMITER = "GILDER_SCRIPT_END";

    private BuildCommands() {}

    /** The shell lines of {@code step}, or empty when the request has nothing to run for it. */
    public static Optional<List<String>> linesFor(BuildStep step, BuildRequest request) {
        return switch (step) {
            case PRE_UPDATE -> Optional.ofNullable(request.preUpdateScript()).map(BuildCommands::scriptLines);
            case PACKAGE_UPDATE -> Optional.of(wrap(inline(packageUpdate(request.includePackages(), request.excludePackages()))));
            case POST_UPDATE -> Optional.ofNullable(request.postUpdateScript()).map(BuildCommands::scriptLines);
        };
    }

    /** A comment naming the step and the execution, unique per builder instance and step. */
    public static String comment(String executionArn, BuildStep step) {
        String execution = executionArn.substring(executionArn.lastIndexOf(':') + 1);
        String comment = "Gilder " + step.label() + " for " + execution;
        return comment.length() <= MAX_COMMENT ? comment : comment.substring(0, MAX_COMMENT);
    }

    private static List<String> scriptLines(Script script) {
        List<String> fetch = new ArrayList<>(switch (script.kind()) {
            case INLINE -> inline(script.source());
            case S3 -> List.of(
                    "if ! command -v aws >/dev/null 2>&1; then",
                    "  echo 'gilder: this image has no AWS CLI to fetch s3:// scripts; give the script inline or as https://' >&2",
                    "  exit 127",
                    "fi",
                    script.versionId() == null
                            ? "aws s3 cp --only-show-errors " + quote(script.source()) + " " + SCRIPT
                            : "aws s3api get-object --bucket " + quote(script.bucket()) + " --key " + quote(script.key())
                                    + " --version-id " + quote(script.versionId()) + " " + SCRIPT + " >/dev/null");
            case HTTPS -> List.of(
                    "if command -v curl >/dev/null 2>&1; then",
                    "  curl -fsS --proto '=https' --max-redirs 0 --retry 3 -o " + SCRIPT + " " + quote(script.source()),
                    "elif command -v wget >/dev/null 2>&1; then",
                    "  wget -q --max-redirect=0 -O " + SCRIPT + " " + quote(script.source()),
                    "else",
                    "  echo 'gilder: this image has neither curl nor wget to fetch https:// scripts' >&2",
                    "  exit 127",
                    "fi");
        });
        if (script.sha256() != null) {
            fetch.addAll(pinCheck(script));
        }
        return wrap(fetch);
    }

    /** Lines refusing to go on unless the fetched file's SHA-256 is the pinned one. */
    private static List<String> pinCheck(Script script) {
        return List.of(
                "if ! command -v sha256sum >/dev/null 2>&1; then",
                "  echo 'gilder: this image has no sha256sum to check the pinned script' >&2",
                "  exit 127",
                "fi",
                "actual=$(sha256sum " + SCRIPT + ")",
                "actual=${actual%% *}",
                "if [ \"$actual\" != " + quote(script.sha256()) + " ]; then",
                "  echo \"gilder: \"" + quote(script.source()) + "\" has sha256 $actual, not the pinned " + script.sha256()
                        + "; refusing to run it\" >&2",
                "  exit 1",
                "fi");
    }

    /** Work directory, the lines that write the script into it, then the lines that run it. */
    private static List<String> wrap(List<String> fetch) {
        List<String> lines = new ArrayList<>(List.of(
                "set -eu",
                "work=$(mktemp -d)",
                "trap 'rm -rf \"$work\"' EXIT"));
        lines.addAll(fetch);
        lines.addAll(List.of(
                "interpreter=$(sed -n '1s/^#![[:space:]]*//p' " + SCRIPT + ")",
                "case \"$interpreter\" in",
                "  '' | *bash* | */sh | */sh\\ * | *' sh') bash -euo pipefail " + SCRIPT + " ;;",
                "  *) $interpreter " + SCRIPT + " ;;",
                "esac"));
        return lines;
    }

    /** Lines writing {@code text} verbatim to the script file. */
    static List<String> inline(String text) {
        List<String> body = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (body.size() > 1 && body.get(body.size() - 1).isEmpty()) {
            body.remove(body.size() - 1);
        }
        String delimiter = DELIMITER;
        for (int n = 1; body.contains(delimiter); n++) {
            delimiter = DELIMITER + "_" + n;
        }
        List<String> lines = new ArrayList<>();
        lines.add("cat > " + SCRIPT + " <<'" + delimiter + "'");
        lines.addAll(body);
        lines.add(delimiter);
        return lines;
    }

    /** The bash script updating the OS packages. */
    static String packageUpdate(List<String> include, List<String> exclude) {
        String only = include.stream().map(p -> " " + quote(p)).collect(Collectors.joining());
        String excludeFlags = exclude.stream().map(p -> " --exclude=" + quote(p)).collect(Collectors.joining());
        List<String> lines = new ArrayList<>(List.of(
                "export DEBIAN_FRONTEND=noninteractive",
                "if command -v dnf >/dev/null 2>&1; then",
                "  dnf -y upgrade --refresh" + excludeFlags + only,
                "elif command -v yum >/dev/null 2>&1; then",
                "  yum -y update" + excludeFlags + only,
                "elif command -v apt-get >/dev/null 2>&1; then",
                "  apt-get -q update"));
        if (!exclude.isEmpty()) {
            String patterns = exclude.stream().map(BuildCommands::quote).collect(Collectors.joining(" "));
            lines.addAll(List.of(
                    "  held=$(comm -13 <(apt-mark showhold | sort -u) <({ dpkg-query -W -f='${Package}\\n' " + patterns
                            + " 2>/dev/null || true; } | sort -u))",
                    "  if [ -n \"$held\" ]; then apt-mark hold $held; fi"));
        }
        String options = "-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold";
        lines.add(include.isEmpty()
                ? "  apt-get -y -q " + options + " upgrade --with-new-pkgs"
                : "  apt-get -y -q " + options + " install --only-upgrade" + only);
        if (!exclude.isEmpty()) {
            lines.add("  if [ -n \"$held\" ]; then apt-mark unhold $held; fi");
        }
        lines.addAll(List.of(
                "else",
                "  echo 'gilder: no supported package manager (dnf, yum or apt-get) on this image' >&2",
                "  exit 127",
                "fi"));
        return String.join("\n", lines);
    }

    /** {@code value} as one single-quoted shell word. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
