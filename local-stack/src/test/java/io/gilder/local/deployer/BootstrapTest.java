package io.gilder.local.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.local.LocalAws;
import io.gilder.local.LocalStack;
import io.gilder.local.emulator.FunctionSpec;
import io.gilder.local.emulator.HttpRoute;
import io.gilder.local.emulator.LocalNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Deploys a small template of its own (every resource type the interpreter creates, a resource behind a
 * false condition, a parameter override) into the running emulator and reads back with the AWS SDK what it
 * created. Logical ids start with {@code Probe} so nothing collides with the pipeline deployed in the same emulator.
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BootstrapTest {

    private static final String TEMPLATE = """
            Parameters:
              Stage: {Type: String, Default: dev}
              Cidr: {Type: String, Default: 10.9.0.0/16}
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Globals:
              Function:
                Handler: io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest
                MemorySize: 1024
                Environment:
                  Variables:
                    QUARKUS_LAMBDA_HANDLER: probe
                    JAVA_TOOL_OPTIONS: -XX:+TieredCompilation
            Resources:
              ProbeTopic: {Type: AWS::SNS::Topic}
              ProbeBucket: {Type: AWS::S3::Bucket}
              ProbeProdOnlyBucket: {Type: AWS::S3::Bucket, Condition: IsProd}
              ProbeTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
                  KeySchema: [{AttributeName: pk, KeyType: HASH}]
              ProbeParameter:
                Type: AWS::SSM::Parameter
                Properties:
                  Name: /probe/settings
                  Type: String
                  Value: !Sub "${Stage}:${ProbeTopic}"
              ProbeVpc:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: !Ref Cidr}
              ProbeSubnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref ProbeVpc, CidrBlock: !Select [1, [10.9.0.0/24, 10.9.1.0/24]]}
              ProbeRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]
              ProbeProfile:
                Type: AWS::IAM::InstanceProfile
                Properties: {Roles: [!Ref ProbeRole]}
              ProbeApi: {Type: AWS::Serverless::HttpApi}
              ProbeFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Timeout: 60
                  Environment:
                    Variables:
                      TABLE: !Ref ProbeTable
                      LINK: !Sub "https://${ProbeApi}.execute-api.${AWS::Region}.amazonaws.com/probe"
                  Events:
                    Probe:
                      Type: HttpApi
                      Properties: {ApiId: !Ref ProbeApi, Method: get, Path: "/probe/{id}"}
              ProbeMachine:
                Type: AWS::Serverless::StateMachine
                Properties:
                  DefinitionUri: probe.asl.json
                  DefinitionSubstitutions:
                    ProbeTopicArn: !Ref ProbeTopic
                    ProbeFunctionArn: !GetAtt ProbeFunction.Arn
            """;

    private static final String DEFINITION = """
            {"StartAt": "Tell", "States": {"Tell": {"Type": "Task", "Resource": "${ProbeFunctionArn}",
              "Parameters": {"TopicArn": "${ProbeTopicArn}"}, "End": true}}}
            """;

    @TempDir
    static Path dir;

    private LocalStack stack;
    private Bootstrap.Deployment deployment;
    private Exception refused;

    @BeforeAll
    void deploy(LocalStack stack) throws IOException {
        this.stack = stack;
        // Fn::Cidr is not taught to the interpreter: that deployment stops at the property, before creating it.
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, """
                Resources:
                  ProbeBrokenParameter:
                    Type: AWS::SSM::Parameter
                    Properties: {Name: /probe/broken, Type: String, Value: !Select [0, !Cidr [10.9.0.0/16, 1, 8]]}
                """);
        try {
            Bootstrap.pipeline(stack, broken, Map.of());
        } catch (IllegalStateException e) {
            refused = e;
        }
        Files.writeString(dir.resolve("probe.asl.json"), DEFINITION);
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, TEMPLATE);
        deployment = Bootstrap.pipeline(stack, file, Map.of("Stage", "test"));
    }

    @Test
    void anIntrinsicItCannotResolveStopsTheDeploymentNamingTheProperty() {
        assertThat(refused).isNotNull().hasMessageContaining("Fn::Cidr").hasMessageContaining("ProbeBrokenParameter.Value");
        try (SsmClient ssm = stack.client(SsmClient.builder())) {
            assertThat(ssm.getParametersByPath(r -> r.path("/probe/")).parameters()).extracting(p -> p.name()).doesNotContain("/probe/broken");
        }
    }

    @Test
    void topicsBucketsTablesAndParametersExistUnderTheirStackNames() {
        String topicArn = deployment.arn("ProbeTopic");
        assertThat(topicArn).isEqualTo("arn:aws:sns:" + LocalNames.REGION + ":" + LocalNames.ACCOUNT + ":" + LocalNames.STACK + "-ProbeTopic");
        try (SnsClient sns = stack.client(SnsClient.builder())) {
            assertThat(sns.getTopicAttributes(r -> r.topicArn(topicArn)).attributes()).containsEntry("TopicArn", topicArn);
        }
        try (S3Client s3 = stack.client(S3Client.builder().forcePathStyle(true))) {
            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name())
                    .contains(deployment.ref("ProbeBucket")).doesNotContain(LocalNames.STACK + "-probeprodonlybucket");
        }
        try (DynamoDbClient dynamo = stack.client(DynamoDbClient.builder())) {
            TableDescription table = dynamo.describeTable(r -> r.tableName(deployment.ref("ProbeTable"))).table();
            assertThat(table.keySchema()).singleElement().satisfies(k -> {
                assertThat(k.attributeName()).isEqualTo("pk");
                assertThat(k.keyType()).isEqualTo(KeyType.HASH);
            });
        }
        try (SsmClient ssm = stack.client(SsmClient.builder())) {
            assertThat(ssm.getParameter(r -> r.name("/probe/settings")).parameter().value())
                    .as("the override wins over the default; Sub resolves the topic's Ref").isEqualTo("test:" + topicArn);
        }
        assertThat(deployment.ref("ProbeParameter")).isEqualTo("/probe/settings");
    }

    @Test
    void networkAndInstanceProfilesAreRealAndWiredTogether() {
        try (Ec2Client ec2 = stack.client(Ec2Client.builder())) {
            Subnet subnet = ec2.describeSubnets(r -> r.subnetIds(deployment.ref("ProbeSubnet"))).subnets().get(0);
            assertThat(subnet.vpcId()).isEqualTo(deployment.ref("ProbeVpc")).startsWith("vpc-");
            assertThat(subnet.cidrBlock()).isEqualTo("10.9.1.0/24");
        }
        try (IamClient iam = stack.client(IamClient.builder())) {
            assertThat(iam.getInstanceProfile(r -> r.instanceProfileName(deployment.ref("ProbeProfile"))).instanceProfile().roles())
                    .extracting(role -> role.roleName()).containsExactly(LocalNames.STACK + "-ProbeRole");
        }
    }

    @Test
    void functionsAreRegisteredWithGlobalsLocalLinksAndTheirRoutes() {
        FunctionSpec spec = stack.functions().spec("ProbeFunction");
        assertThat(spec.memoryMb()).isEqualTo(1024);
        assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(spec.environment()).containsEntry("QUARKUS_LAMBDA_HANDLER", "probe")
                .containsEntry("TABLE", LocalNames.STACK + "-ProbeTable")
                .containsEntry("LINK", stack.endpoint().toString().replaceAll("/$", "") + "/probe")
                .doesNotContainKey("JAVA_TOOL_OPTIONS");
        assertThat(stack.gateway().routes()).contains(new HttpRoute("GET", "/probe/{id}", "ProbeFunction"));
    }

    @Test
    void stateMachinesGetTheirDefinitionWithTheTemplatesSubstitutions() {
        try (SfnClient sfn = stack.client(SfnClient.builder())) {
            String definition = sfn.describeStateMachine(r -> r.stateMachineArn(deployment.arn("ProbeMachine"))).definition();
            assertThat(definition).contains("\"TopicArn\": \"" + deployment.arn("ProbeTopic") + "\"")
                    .contains(LocalNames.functionArn("ProbeFunction")).doesNotContain("${");
        }
    }

    @Test
    void unknownLogicalIdsAreNamedInTheError() {
        assertThatThrownBy(() -> deployment.ref("Nope")).hasMessageContaining("No resource Nope");
        assertThatThrownBy(() -> deployment.arn("ProbeParameter")).hasMessageContaining("No ARN for ProbeParameter");
    }
}
