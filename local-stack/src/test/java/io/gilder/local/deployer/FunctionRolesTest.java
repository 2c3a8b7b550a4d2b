package io.gilder.local.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.local.LocalAws;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a function's template statements become what moto evaluates when the local stack enforces IAM: which parts are
 * kept (actions; resources of S3, SQS, IAM and STS), which are widened or dropped (other resources, conditions, Deny),
 * and that every function of the template resolves to a role this way.
 */
class FunctionRolesTest {

    private final SamTemplate pipeline = SamTemplate.read(LocalAws.root().resolve("template.yaml"));

    @Test
    void actionsStayResourcesOfServicesMotoComparesAgainstStarAreWidenedAndConditionsGo() {
        Map<String, Object> statement = Map.of("Sid", "Mixed", "Effect", "Allow",
                "Action", List.of("ec2:DescribeImages", "s3:PutObject", "sts:AssumeRole", "ssm:GetParameter"),
                "Resource", List.of("arn:aws:s3:::bucket/*/scan/*/raw.json", "arn:aws:ssm:us-east-1:123456789012:parameter/GoldenAMI/*"),
                "Condition", Map.of("StringEquals", Map.of("aws:ResourceAccount", "111111111111")));

        assertThat(FunctionRoles.forMoto(statement)).containsExactly(
                Map.of("Effect", "Allow", "Action", List.of("ec2:DescribeImages", "ssm:GetParameter"), "Resource", "*"),
                Map.of("Effect", "Allow", "Action", List.of("s3:PutObject", "sts:AssumeRole"),
                        "Resource", List.of("arn:aws:s3:::bucket/*/scan/*/raw.json", "arn:aws:ssm:us-east-1:123456789012:parameter/GoldenAMI/*")));
    }

    @Test
    void aDenyIsDroppedAndNotActionIsRefused() {
        assertThat(FunctionRoles.forMoto(Map.of("Effect", "Deny", "Action", "s3:PutObject", "Resource", "*"))).isEmpty();
        assertThatThrownBy(() -> FunctionRoles.forMoto(Map.of("Effect", "Allow", "NotAction", "iam:*", "Resource", "*")))
                .hasMessageContaining("NotAction");
    }

    @Test
    void everyFunctionOfTheTemplateResolvesToARoleOfAllowStatements() {
        Intrinsics intrinsics = intrinsics();
        Map<String, Integer> allowed = new HashMap<>();
        pipeline.resources("AWS::Serverless::Function").keySet().forEach(function -> {
            Map<String, Map<String, Object>> statements = PolicyStatements.ofFunction(pipeline, intrinsics, function);
            statements.forEach((where, statement) -> assertThat(statement.get("Effect")).as(where).isEqualTo("Allow"));
            allowed.put(function, statements.values().stream().mapToInt(s -> FunctionRoles.forMoto(s).size()).sum());
        });

        assertThat(allowed).hasSize(pipeline.resources("AWS::Serverless::Function").size());
        // Only a function that calls no AWS API has no statement (it gets a role without policies).
        assertThat(allowed.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList())
                .containsExactly("RecordRescanFailureFunction");
        // Managed policies referenced by !Ref are part of the role: validation reads the KMS keys through ImageKeyReadPolicy.
        assertThat(PolicyStatements.ofFunction(pipeline, intrinsics, "ValidateBuildRequestFunction"))
                .containsKeys("ValidateBuildRequestFunction/Describe", "ImageKeyReadPolicy/ReadKeys");
    }

    private Intrinsics intrinsics() {
        return Intrinsics.withDefaults(pipeline, Map.of("AWS::Partition", "aws", "AWS::Region", "us-east-1", "AWS::AccountId",
                "123456789012", "AWS::StackName", "gilder", "AWS::URLSuffix", "amazonaws.com"), Intrinsics.PLACEHOLDERS);
    }
}
