package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The comparison of grants and calls on its own: each way it must fail, and the reviewed table as shipped parses. */
class ExercisedPermissionsTest {

    private static final Map<String, Set<String>> GRANTED = Map.of(
            "Launch", Set.of("ec2:RunInstances", "ec2:Describe*", "iam:PassRole"),
            "Read", Set.of("s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"));

    @Test
    void everyGrantCalledOrReviewedPasses() {
        List<String> problems = ExercisedPermissions.problems(GRANTED,
                Map.of("Launch", Set.of("ec2:RunInstances", "ec2:DescribeImages", "sts:GetCallerIdentity"),
                        "Read", Set.of("s3:GetObject", "s3:HeadBucket")),
                List.of(new ExercisedPermissions.Reviewed("Launch", "iam:PassRole", "moto does not check PassRole")));

        assertThat(problems).isEmpty();
    }

    @Test
    void anExcessGrantAStaleEntryAndAnUngrantedCallAreEachNamed() {
        List<String> problems = ExercisedPermissions.problems(GRANTED,
                Map.of("Launch", Set.of("ec2:RunInstances", "ec2:DescribeImages", "iam:PassRole", "ec2:TerminateInstances"),
                        "Read", Set.of("s3:GetObject")),
                List.of(new ExercisedPermissions.Reviewed("Launch", "iam:PassRole", "moto does not check PassRole"),
                        new ExercisedPermissions.Reviewed("Read", "kms:Decrypt", "gone"),
                        new ExercisedPermissions.Reviewed("Gone", "*", "no such function")));

        assertThat(problems).containsExactlyInAnyOrder(
                "table entry Gone *: no such function",
                "Launch calls iam:PassRole after all: remove its entry from " + ExercisedPermissions.TABLE,
                "Launch called ec2:TerminateInstances, which its role does not grant (answered by a fake moto does not evaluate?)",
                "Read is granted s3:ListBucket, never called here and not in " + ExercisedPermissions.TABLE
                        + ": remove it from the template, or add the entry with its reason",
                "table entry Read kms:Decrypt: not granted (any more)");
    }

    @Test
    void aWholeFunctionEntryMustStayTrue() {
        assertThat(ExercisedPermissions.problems(GRANTED, Map.of("Read", Set.of("s3:GetObject")),
                List.of(new ExercisedPermissions.Reviewed("Launch", "*", "does not run"),
                        new ExercisedPermissions.Reviewed("Read", "s3:ListBucket", "NoSuchKey"),
                        new ExercisedPermissions.Reviewed("Read", "*", "does not run")))).containsExactly(
                "Read: the table says it does not run here, but it called [s3:GetObject]");
    }

    @Test
    void theShippedTableGivesEveryEntryAReason() {
        assertThat(ExercisedPermissions.table()).isNotEmpty().allSatisfy(entry -> assertThat(entry.reason()).hasSizeGreaterThan(20));
    }
}
