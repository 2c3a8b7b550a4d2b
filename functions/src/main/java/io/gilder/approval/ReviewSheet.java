package io.gilder.approval;

import io.gilder.build.BuildRequest;
import io.gilder.build.FindingException;
import io.gilder.build.ImageFacts;
import io.gilder.build.Script;
import io.gilder.scan.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Everything that went into a candidate, for the person who approves it: where it came from, what ran on it, the
 * policy that judged it with every exception, what the scanner proved it scanned and the worst findings. Built from
 * the build's own state and evidence, never from anything the approver types.
 *
 * @param source      the source AMI: id, owner, name, creation date
 * @param scripts     each script that ran, in order
 * @param policy      the policy applied
 * @param scan        the scan and its proof; null for an unscanned build
 * @param topFindings the worst findings (at most {@value #TOP_FINDINGS}), worst first
 */
public record ReviewSheet(Source source, List<ScriptRun> scripts, List<String> includePackages, List<String> excludePackages,
        PolicyApplied policy, ScanProof scan, List<TopFinding> topFindings) {

    /** How many findings the sheet lists. */
    public static final int TOP_FINDINGS = 10;
    /** How many lines of an inline script the sheet shows. */
    static final int SCRIPT_LINES = 5;

    public ReviewSheet {
        scripts = scripts == null ? List.of() : List.copyOf(scripts);
        includePackages = includePackages == null ? List.of() : List.copyOf(includePackages);
        excludePackages = excludePackages == null ? List.of() : List.copyOf(excludePackages);
        topFindings = topFindings == null ? List.of() : List.copyOf(topFindings);
    }

    public record Source(String imageId, String owner, String name, String creationDate) {}

    /**
     * @param step       {@code pre-update} or {@code post-update}
     * @param location   the {@code s3://} or {@code https://} location, or {@code inline}
     * @param sha256     the pinned digest, or the digest of the inline text
     * @param versionId  the pinned S3 version, or null
     * @param firstLines the first lines of an inline script (empty for a location)
     */
    public record ScriptRun(String step, String location, String sha256, String versionId, List<String> firstLines) {}

    /** @param exceptions the stack's exceptions behind every ignored finding id, with expiry and reason */
    public record PolicyApplied(int maxSeverity, List<String> ignoredFindingIds, List<FindingException> exceptions) {}

    /** @param proof what the scanner's results prove it scanned, e.g. {@code tenable scan 42 scanned 10.0.1.5 to the end (...)} */
    public record ScanProof(String scanner, String scanRef, String proof) {}

    public record TopFinding(String id, int severity, String title, List<String> cves) {

        /** The public NVD page of {@code cve}. */
        public static String cveLink(String cve) {
            return "https://nvd.nist.gov/vuln/detail/" + cve;
        }
    }

    /** The sheet of a build's candidate; {@code findings} are the stored normalized findings (empty when unscanned). */
    public static ReviewSheet of(BuildRequest request, ImageFacts source, String scanner, String scanRef, String proof,
            List<Finding> findings) {
        List<ScriptRun> scripts = new ArrayList<>();
        if (request.preUpdateScript() != null) {
            scripts.add(run("pre-update", request.preUpdateScript()));
        }
        if (request.postUpdateScript() != null) {
            scripts.add(run("post-update", request.postUpdateScript()));
        }
        Source from = source == null ? new Source(request.sourceAmiId(), null, null, null)
                : new Source(source.imageId(), source.ownerId() == null ? null : source.owner(), source.name(), source.creationDate());
        List<TopFinding> top = findings.stream().sorted(Finding.WORST_FIRST).limit(TOP_FINDINGS)
                .map(f -> new TopFinding(f.id(), f.severity(), f.title(), f.cves())).toList();
        ScanProof scan = scanner == null || "none".equals(scanner) ? null : new ScanProof(scanner, scanRef, proof);
        return new ReviewSheet(from, scripts, request.includePackages(), request.excludePackages(),
                new PolicyApplied(request.scanPolicy().maxSeverity(), request.scanPolicy().ignoredFindingIds(),
                        request.scanPolicy().exceptions()), scan, top);
    }

    private static ScriptRun run(String step, Script script) {
        if (script.kind() == Script.Kind.INLINE) {
            List<String> lines = Arrays.asList(script.source().split("\n", -1));
            return new ScriptRun(step, "inline", sha256(script.source()), null,
                    lines.subList(0, Math.min(SCRIPT_LINES, lines.size())));
        }
        return new ScriptRun(step, script.source(), script.sha256(), script.versionId(), List.of());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The sheet as plain-text lines for the e-mail. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("  Source image: " + source.imageId() + (source.owner() == null ? "" : ", owner " + source.owner())
                + (source.name() == null ? "" : ", name " + source.name())
                + (source.creationDate() == null ? "" : ", created " + source.creationDate()));
        if (scripts.isEmpty()) {
            out.add("  Scripts:      none");
        }
        for (ScriptRun s : scripts) {
            out.add("  Script:       " + s.step() + " " + s.location() + (s.sha256() == null ? "" : " sha256 " + s.sha256())
                    + (s.versionId() == null ? "" : " version " + s.versionId()));
            s.firstLines().forEach(line -> out.add("                | " + line));
        }
        out.add("  Packages:     " + (includePackages.isEmpty() ? "all updated" : "only " + String.join(", ", includePackages))
                + (excludePackages.isEmpty() ? "" : "; never " + String.join(", ", excludePackages)));
        out.add("  Policy:       severity at most " + policy.maxSeverity()
                + (policy.ignoredFindingIds().isEmpty() ? ", no finding ignored" : ", ignoring " + String.join(", ", policy.ignoredFindingIds())));
        policy.exceptions().forEach(e -> out.add("                exception " + e.id() + " until " + e.expires() + ": " + e.reason()));
        if (scan != null) {
            out.add("  Scan:         " + scan.scanner() + " " + scan.scanRef() + (scan.proof() == null ? "" : "; " + scan.proof()));
        }
        for (TopFinding f : topFindings) {
            out.add("  Finding:      severity " + f.severity() + " " + f.id() + " " + f.title()
                    + (f.cves().isEmpty() ? "" : " " + String.join(" ", f.cves().stream().map(TopFinding::cveLink).toList())));
        }
        return out;
    }
}
