package io.gilder.local.deployer;

import static io.gilder.local.deployer.SamTemplate.list;
import static io.gilder.local.deployer.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.local.LocalAws;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, as the templates state it: a table of rules walked over EVERY statement of every function role,
 * state machine role, managed policy and IAM role of both templates, under the default parameters and under a set that
 * takes the other branches (given subnet, portfolio, disassociation allowed, Organization scope).
 *
 * <p>With moto's IAM enforcement on ({@code EnforcedEncryptedStackTest}) every function runs as its own role, but moto evaluates
 * only the actions, and the resources of S3, SQS, IAM and STS calls ({@link FunctionRoles} says why): none of the
 * conditions checked here ({@code ec2:CreateAction}, {@code aws:TagKeys}, {@code aws:RequestTag/*}) and none of the
 * other resources (subnets, security groups, catalog products) is exercised by an end-to-end test. This table covers
 * them, together with cfn-lint and checkov ({@code make check}); the evidence prefixes are checked both here and, as S3
 * resources, by the enforced build. A failure names the resource and the statement's Sid. The statements are read by
 * {@link PolicyStatements}, as the enforced stack's roles are.
 */
class LeastPrivilegeTemplateTest {

    /**
     * Every statement that grants ec2:CreateTags, with the only tag keys it may write (as the code writes them: ImageTags,
     * DistributionTags, RevocationTags, GilderTags.EXECUTION, Ec2RegionalImages.RETIRED_IMAGE). An empty set: tag on create
     * only (ec2:CreateAction), where the keys cannot be listed (a rescan instance carries its image's own tags).
     */
    private static final Map<String, Set<String>> TAG_WRITERS = Map.ofEntries(
            Map.entry("CreateCandidateImageFunction/TagAtCreation", Set.of("AMI-Type", "Product", "OS", "Version", "SourceAMI", "gilder:execution", "Name")),
            Map.entry("RegisterGoldenImageFunction/TagGoldenImages", Set.of("AMI-Type", "Approver", "ApprovedAt", "ScanReference", "gilder:scanner", "gilder:scanned")),
            Map.entry("LaunchInstanceFunction/TagAtLaunch", Set.of()),
            Map.entry("CopyImageToRegionFunction/TagCopies", Set.of("Name", "Product", "OS", "Version", "AMI-Type", "gilder:source-image", "gilder:execution")),
            Map.entry("GoldenImageRetirementPolicy/MarkSnapshotsBeforeDeregistering", Set.of("gilder:retired-image")),
            Map.entry("MarkRevokedImageFunction/MarkGoldenImagesRevoked", Set.of("gilder:revocation", "gilder:revocation-reason", "gilder:revoked-at", "gilder:revoked-by")));

    /** The only Service Catalog actions allowed on "*", each with why. */
    private static final Map<String, String> CATALOG_ACTIONS_ON_ANY_RESOURCE = Map.of(
            "servicecatalog:CreateProduct", "has no resource type (Service Authorization Reference): AWS requires \"*\"",
            "servicecatalog:DescribeProductAsAdmin", "looked up by product name: the request names no product ARN");

    /** One rule of the table: a problem with the statement, or null. */
    private record Rule(String name, Function<Map<String, Object>, String> problem) {}

    private static final List<Rule> RULES = List.of(
            new Rule("tag writes are limited", LeastPrivilegeTemplateTest::tagWriteProblem),
            new Rule("instances launch only into the builder network", LeastPrivilegeTemplateTest::launchProblem),
            new Rule("service catalog actions are scoped", LeastPrivilegeTemplateTest::catalogProblem),
            new Rule("objects are written under their prefixes", LeastPrivilegeTemplateTest::writeProblem),
            new Rule("no action is granted on everything", LeastPrivilegeTemplateTest::wildcardActionProblem));

    private final SamTemplate pipeline = SamTemplate.read(LocalAws.root().resolve("template.yaml"));
    private final SamTemplate child = SamTemplate.read(LocalAws.root().resolve("child-account/template.yaml"));

    @Test
    void everyStatementOfEveryRoleFollowsTheTable() {
        Set<String> violations = new LinkedHashSet<>(); // a problem in both parameter sets is named once
        for (Map<String, String> values : List.of(defaults(), otherBranches())) {
            for (var template : List.of(pipeline, child)) {
                statements(template, values).forEach((where, statement) -> RULES.forEach(rule -> {
                    String problem = rule.problem().apply(statement);
                    if (problem != null) {
                        violations.add(where + " (" + rule.name() + "): " + problem);
                    }
                }));
            }
        }

        assertThat(violations).isEmpty();
    }

    @Test
    void everyTagWriteIsInTheTableAndWritesExactlyItsKeys() {
        Map<String, Set<String>> found = new TreeMap<>();
        statements(pipeline, defaults()).forEach((where, statement) -> {
            if (actions(statement).contains("ec2:CreateTags")) {
                found.put(where, tagKeys(statement));
            }
        });
        statements(child, defaults()).forEach((where, statement) -> assertThat(actions(statement)).as(where).doesNotContain("ec2:CreateTags"));

        assertThat(found).isEqualTo(TAG_WRITERS);
    }

    /** Tags that other statements trust: ShareImage and retirement trust AMI-Type, the clean-ups gilder:execution, ... */
    private static final Set<String> TRUSTED_TAG_KEYS = Set.of("AMI-Type", "gilder:execution", "gilder:source-image", "gilder:retired-image");

    /**
     * A tag another statement trusts ({@link #TRUSTED_TAG_KEYS}) is written only at creation ({@code ec2:CreateAction}) or
     * on a resource that already carries a Gilder tag ({@code aws:ResourceTag/...}): otherwise a function could make any
     * image or snapshot look like Gilder's (e.g. AMI-Type=Golden, then share or deregister it). Images and snapshots alike:
     * both are tagged at CreateImage and CopyImage (the local emulator's launcher makes moto apply snapshot tag
     * specifications as AWS does, and the end-to-end tests read the tags back).
     */
    @Test
    void aTrustedTagIsWrittenOnlyAtCreationOrOnWhatGilderAlreadyTagged() {
        Set<String> open = new TreeSet<>();
        statements(pipeline, defaults()).forEach((where, statement) -> {
            if (!actions(statement).contains("ec2:CreateTags")) {
                return;
            }
            Set<String> keys = tagKeys(statement);
            boolean writesTrusted = keys.isEmpty() || keys.stream().anyMatch(TRUSTED_TAG_KEYS::contains);
            Map<String, Object> condition = statement.get("Condition") == null ? Map.of() : map(statement.get("Condition"));
            boolean atCreation = map(condition.getOrDefault("StringEquals", Map.of())).containsKey("ec2:CreateAction");
            boolean onGilders = condition.values().stream().anyMatch(operator -> map(operator).keySet().stream()
                    .anyMatch(key -> key.startsWith("aws:ResourceTag/")));
            if (writesTrusted && !atCreation && !onGilders) {
                open.add(where);
            }
        });

        assertThat(open).isEmpty();
    }

    @Test
    void imagesAreTaggedGoldenOnlyWhereThatIsTheFunctionsJob() {
        Map<String, Map<String, Object>> statements = statements(pipeline, defaults());

        // A candidate's image and snapshots, at CreateImage only: Candidate, never Golden.
        Map<String, Object> candidate = statements.get("CreateCandidateImageFunction/TagAtCreation");
        assertThat(map(map(candidate.get("Condition")).get("StringEquals"))).containsEntry("aws:RequestTag/AMI-Type", "Candidate")
                .containsEntry("ec2:CreateAction", "CreateImage");
        assertThat(resources(candidate)).containsExactlyInAnyOrder("arn:aws:ec2:us-east-1::image/*", "arn:aws:ec2:us-east-1::snapshot/*");
        // Approval tags only what the build made.
        assertThat(map(map(statements.get("RegisterGoldenImageFunction/TagGoldenImages").get("Condition")).get("StringLike")))
                .containsEntry("aws:ResourceTag/gilder:execution", "*");
        // A copy and its snapshots, at CopyImage only and with gilder:source-image set: no other image can be made to look Golden.
        Map<String, Object> copies = statements.get("CopyImageToRegionFunction/TagCopies");
        assertThat(map(map(copies.get("Condition")).get("StringLike"))).containsEntry("aws:RequestTag/gilder:source-image", "*");
        assertThat(map(map(copies.get("Condition")).get("StringEquals"))).containsEntry("ec2:CreateAction", "CopyImage");
        assertThat(resources(copies)).containsExactlyInAnyOrder("arn:aws:ec2:*::image/*", "arn:aws:ec2:*::snapshot/*");
        // Retirement marks only a golden image's own snapshots.
        assertThat(map(map(statements.get("GoldenImageRetirementPolicy/MarkSnapshotsBeforeDeregistering").get("Condition"))
                .get("StringEquals"))).containsEntry("aws:ResourceTag/AMI-Type", "Golden");
        // CopyImage itself carries no CreateTags.
        assertThat(actions(statements.get("CopyImageToRegionFunction/CopyGoldenImages"))).containsExactly("ec2:CopyImage");
    }

    @Test
    void instancesLaunchIntoTheStacksSubnetWithItsSecurityGroupsOnly() {
        assertThat(launchNetwork(defaults())).containsExactlyInAnyOrder(
                "arn:aws:ec2:us-east-1:123456789012:subnet/ref:BuilderSubnet",
                "arn:aws:ec2:us-east-1:123456789012:security-group/att:BuilderSecurityGroup.GroupId",
                "arn:aws:ec2:us-east-1:123456789012:security-group/att:TestInstanceSecurityGroup.GroupId");
        assertThat(launchNetwork(otherBranches())).contains("arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0123456789abcdef0")
                .noneMatch(r -> r.contains("ref:BuilderSubnet"));
    }

    @Test
    void scanFunctionsWriteOnlyTheirOwnEvidenceFiles() {
        Map<String, Map<String, Object>> statements = statements(pipeline, defaults());
        String bucket = "att:EvidenceBucket.Arn";

        assertThat(puts(statements, "CollectFindingsFunction")).containsExactlyInAnyOrder(
                bucket + "/*/scan/*/raw.json", bucket + "/*/scan/*/raw.xml", bucket + "/*/scan/*/findings.json");
        assertThat(puts(statements, "EvaluateScanPolicyFunction")).containsExactly(bucket + "/*/scan/*/decision.json");
        assertThat(puts(statements, "CompareWithLastScanFunction")).containsExactlyInAnyOrder(
                bucket + "/rescans/last/*", bucket + "/*/scan/*/delta.json");
        assertThat(puts(statements, "WriteRescanReportFunction")).containsExactly(bucket + "/rescans/*");
    }

    // ---------------------------------------------------------------------------------------------- the rules

    private static String tagWriteProblem(Map<String, Object> statement) {
        if (!actions(statement).contains("ec2:CreateTags")) {
            return null;
        }
        Map<String, Object> condition = statement.get("Condition") == null ? Map.of() : map(statement.get("Condition"));
        boolean onCreate = map(condition.getOrDefault("StringEquals", Map.of())).containsKey("ec2:CreateAction");
        boolean keyed = map(condition.getOrDefault("ForAllValues:StringEquals", Map.of())).containsKey("aws:TagKeys");
        if (!onCreate && !keyed) {
            return "ec2:CreateTags without ec2:CreateAction or a ForAllValues:StringEquals aws:TagKeys list";
        }
        boolean requiresATag = condition.values().stream().anyMatch(v -> v instanceof Map<?, ?> m
                && m.keySet().stream().anyMatch(k -> String.valueOf(k).startsWith("aws:RequestTag/")));
        boolean nonEmpty = "false".equals(String.valueOf(map(condition.getOrDefault("Null", Map.of())).get("aws:TagKeys")));
        if (keyed && !onCreate && !requiresATag && !nonEmpty) {
            return "aws:TagKeys with ForAllValues also passes an empty key set: add Null aws:TagKeys \"false\" or a required aws:RequestTag";
        }
        if (resources(statement).contains("*")) {
            return "ec2:CreateTags on \"*\"";
        }
        return null;
    }

    private static String launchProblem(Map<String, Object> statement) {
        if (!actions(statement).contains("ec2:RunInstances")) {
            return null;
        }
        return resources(statement).stream().filter(r -> r.equals("*") || r.endsWith(":subnet/*") || r.endsWith(":security-group/*"))
                .findFirst().map(r -> "ec2:RunInstances on any subnet or security group: " + r).orElse(null);
    }

    private static String catalogProblem(Map<String, Object> statement) {
        if (!resources(statement).contains("*")) {
            return null;
        }
        return actions(statement).stream().filter(a -> a.startsWith("servicecatalog:") && !CATALOG_ACTIONS_ON_ANY_RESOURCE.containsKey(a))
                .findFirst().map(a -> a + " on \"*\" (only " + CATALOG_ACTIONS_ON_ANY_RESOURCE.keySet() + " must be)").orElse(null);
    }

    private static String writeProblem(Map<String, Object> statement) {
        if (!actions(statement).contains("s3:PutObject")) {
            return null;
        }
        return resources(statement).stream().filter(r -> r.equals("*") || r.matches("att:\\w+Bucket\\.Arn/\\*"))
                .findFirst().map(r -> "s3:PutObject anywhere in a bucket: " + r).orElse(null);
    }

    private static String wildcardActionProblem(Map<String, Object> statement) {
        return actions(statement).stream().filter(a -> a.equals("*") || a.endsWith(":*")).findFirst()
                .map(a -> "action " + a).orElse(null);
    }

    // ---------------------------------------------------------------------------------------------- reading the templates

    /** Every identity-policy statement of the template, keyed {@code <resource>/<Sid>}, as {@link PolicyStatements#all} reads them. */
    private static Map<String, Map<String, Object>> statements(SamTemplate template, Map<String, String> values) {
        Map<String, Map<String, Object>> out = PolicyStatements.all(template, intrinsics(template, values));
        assertThat(out).as("statements found in " + template.file()).isNotEmpty();
        return out;
    }

    private List<String> launchNetwork(Map<String, String> values) {
        return statements(pipeline, values).entrySet().stream()
                .filter(e -> e.getKey().startsWith("LaunchInstanceFunction/") && actions(e.getValue()).contains("ec2:RunInstances"))
                .flatMap(e -> resources(e.getValue()).stream()).filter(r -> r.contains(":subnet/") || r.contains(":security-group/")).toList();
    }

    private static List<String> puts(Map<String, Map<String, Object>> statements, String function) {
        return statements.entrySet().stream().filter(e -> e.getKey().startsWith(function + "/") && actions(e.getValue()).contains("s3:PutObject"))
                .flatMap(e -> resources(e.getValue()).stream()).toList();
    }

    private static Set<String> tagKeys(Map<String, Object> statement) {
        Object condition = statement.get("Condition");
        Object keys = condition == null ? null : map(map(condition).getOrDefault("ForAllValues:StringEquals", Map.of())).get("aws:TagKeys");
        return keys == null ? Set.of() : new TreeSet<>(list(keys).stream().map(String::valueOf).toList());
    }

    private static List<String> actions(Map<String, Object> statement) {
        return PolicyStatements.actions(statement);
    }

    private static List<String> resources(Map<String, Object> statement) {
        return PolicyStatements.resources(statement);
    }

    private static Map<String, String> defaults() {
        return new HashMap<>(Map.of("AWS::Partition", "aws", "AWS::Region", "us-east-1", "AWS::AccountId", "123456789012",
                "AWS::StackName", "gilder", "AWS::URLSuffix", "amazonaws.com"));
    }

    private static Map<String, String> otherBranches() {
        Map<String, String> values = defaults();
        values.putAll(Map.of("BuilderSubnetId", "subnet-0123456789abcdef0", "BuilderVpcId", "vpc-0123456789abcdef0",
                "CatalogPortfolioId", "port-abc123", "AllowCatalogDisassociate", "true", "DistributionAccountScope", "Organization",
                "RescanScheduleEnabled", "true", "BuildScriptsBucket", "my-scripts"));
        return values;
    }

    private static Intrinsics intrinsics(SamTemplate template, Map<String, String> values) {
        return Intrinsics.withDefaults(template, values, Intrinsics.PLACEHOLDERS);
    }
}
