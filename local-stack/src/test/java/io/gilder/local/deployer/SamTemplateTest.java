package io.gilder.local.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The template reader: short-form intrinsics read as CloudFormation reads them, resources by type, SAM's Globals merge. */
class SamTemplateTest {

    @TempDir
    Path dir;

    private SamTemplate read(String yaml) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, yaml);
        return SamTemplate.read(file);
    }

    @Test
    void shortFormIntrinsicsAreReadAsTheirLongForms() throws IOException {
        SamTemplate template = read("""
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                    Condition: IsProd
                    Properties:
                      TopicName: !Sub "${AWS::StackName}-notices"
                      DisplayName: !Ref Name
                      KmsMasterKeyId: !GetAtt Key.Arn
                      Tags: !If [IsProd, !Split [",", !Join [",", [a, b]]], !Ref AWS::NoValue]
                      Nested: !GetAtt Bucket.DomainName.Part
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                  Both: !And [!Condition IsProd, !Not [!Equals [!Ref Stage, dev]]]
                """);
        Map<String, Object> props = template.properties("Topic");
        assertThat(props.get("TopicName")).isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-notices"));
        assertThat(props.get("DisplayName")).isEqualTo(Map.of("Ref", "Name"));
        assertThat(props.get("KmsMasterKeyId")).isEqualTo(Map.of("Fn::GetAtt", List.of("Key", "Arn")));
        // The attribute is everything after the first dot, as CloudFormation splits it.
        assertThat(props.get("Nested")).isEqualTo(Map.of("Fn::GetAtt", List.of("Bucket", "DomainName.Part")));
        assertThat(props.get("Tags")).isEqualTo(Map.of("Fn::If", List.of("IsProd",
                Map.of("Fn::Split", List.of(",", Map.of("Fn::Join", List.of(",", List.of("a", "b"))))),
                Map.of("Ref", "AWS::NoValue"))));
        assertThat(template.section("Conditions").get("Both")).isEqualTo(Map.of("Fn::And", List.of(
                Map.of("Condition", "IsProd"), Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "Stage"), "dev")))))));
    }

    @Test
    void resourcesOfOneTypeComeInTemplateOrder() throws IOException {
        SamTemplate template = read("""
                Resources:
                  Zeta: {Type: AWS::SNS::Topic}
                  Bucket: {Type: AWS::S3::Bucket}
                  Alpha: {Type: AWS::SNS::Topic}
                """);
        assertThat(template.resources("AWS::SNS::Topic").keySet()).containsExactly("Zeta", "Alpha");
        assertThat(template.resources("AWS::SQS::Queue")).isEmpty();
        assertThat(template.section("Outputs")).isEmpty();
        assertThat(template.properties("Bucket")).isEmpty();
        assertThat(template.directory()).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void functionPropertiesMergeGlobalsAsSamDoes() throws IOException {
        SamTemplate template = read("""
                Globals:
                  Function:
                    Runtime: java21
                    Timeout: 30
                    Environment:
                      Variables:
                        SHARED: global
                        OVERRIDDEN: global
                Resources:
                  OneFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Timeout: 900
                      Environment:
                        Variables:
                          OVERRIDDEN: own
                          OWN: !Ref Thing
                  BareFunction:
                    Type: AWS::Serverless::Function
                """);
        Map<String, Object> one = template.functionProperties("OneFunction");
        assertThat(one).containsEntry("Runtime", "java21").containsEntry("Timeout", 900);
        assertThat(one.get("Environment")).isEqualTo(Map.of("Variables",
                Map.of("SHARED", "global", "OVERRIDDEN", "own", "OWN", Map.of("Ref", "Thing"))));
        Map<String, Object> bare = template.functionProperties("BareFunction");
        assertThat(bare).containsEntry("Timeout", 30);
        assertThat(bare.get("Environment")).isEqualTo(Map.of("Variables", Map.of("SHARED", "global", "OVERRIDDEN", "global")));
    }

    @Test
    void theShippedTemplateReadsWithEveryFunctionTyped() {
        SamTemplate template = SamTemplate.read(io.gilder.local.LocalAws.root().resolve("template.yaml"));
        assertThat(template.resources("AWS::Serverless::Function")).hasSizeGreaterThan(40);
        assertThat(template.section("Rules")).containsKey("NetworkScannersNeedAPath");
    }
}
