package io.gilder.local.deployer;

import static io.gilder.local.deployer.SamTemplate.list;
import static io.gilder.local.deployer.SamTemplate.map;

import io.gilder.local.emulator.FunctionHost;
import io.gilder.local.emulator.FunctionSpec;
import io.gilder.local.emulator.Gateway;
import io.gilder.local.emulator.HttpRoute;
import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Creates in the emulator what {@code template.yaml} creates in AWS, read from the template itself:
 * functions (run by the {@link FunctionHost}), HTTP API routes, topics, buckets (the evidence bucket with the
 * sample Service Catalog product template, as a user uploads it), tables, parameters
 * and state machines from the shipped definitions with the template's own substitutions; and, from
 * {@code child-account/template.yaml}, the cross-account roles and the functions of the fake child accounts.
 * Resource types it does not emulate (VPC, log groups, ...) get a stable fake id so that
 * references to them still resolve.
 */
public final class Bootstrap implements Intrinsics.Resources {

    /** Where {@code catalog/product-template.yaml} of the checkout goes in the evidence bucket (the functions' default key). */
    public static final String PRODUCT_TEMPLATE_KEY = "catalog/product-template.yaml";

    /** The running emulator a template is deployed into (the local stack). */
    public interface Target {

        /** An SDK client of the pipeline account, pointed at the local endpoint. */
        <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder);

        /** An SDK client acting in another (fake) account. */
        <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C clientInAccount(String account, B builder);

        /** The local endpoint, {@link Gateway#uri()}. */
        URI endpoint();

        /** Where functions are registered. */
        FunctionHost functions();

        /** Where HTTP API routes are added. */
        Gateway gateway();

        /** Where functions' EventBridge rules on Step Functions' status changes are routed. */
        io.gilder.local.emulator.ExecutionEndings executionEndings();

        /**
         * Whether moto enforces IAM: then every function gets a role of its own ({@link FunctionRoles}) and runs with
         * that role's session credentials.
         */
        default boolean enforcesIam() {
            return false;
        }
    }

    private final Target stack;
    private final SamTemplate template;
    private final Map<String, String> refs = new HashMap<>();
    private final Map<String, String> arns = new HashMap<>();
    private final Intrinsics intrinsics;

    private Bootstrap(Target stack, SamTemplate template, Map<String, String> parameterOverrides, String account) {
        this.stack = stack;
        this.template = template;
        Map<String, String> parameters = new LinkedHashMap<>();
        template.section("Parameters").forEach((name, body) -> {
            Object fallback = map(body).get("Default");
            parameters.put(name, fallback == null ? "" : String.valueOf(fallback));
        });
        parameters.putAll(parameterOverrides);
        parameters.put("AWS::Region", LocalNames.REGION);
        parameters.put("AWS::AccountId", account);
        parameters.put("AWS::StackName", LocalNames.STACK);
        parameters.put("AWS::Partition", "aws");
        parameters.put("AWS::URLSuffix", "amazonaws.com");
        parameters.put("AWS::NoValue", "");
        this.intrinsics = new Intrinsics(parameters, template.section("Conditions"), this);
        template.section("Resources").forEach((id, body) -> name(id, String.valueOf(map(body).get("Type"))));
    }

    /** Deploys the pipeline template into the default account; returns logical id → physical id/ARN. */
    public static Deployment pipeline(Target stack, Path templateFile, Map<String, String> parameterOverrides) {
        Bootstrap b = new Bootstrap(stack, SamTemplate.read(templateFile), parameterOverrides, LocalNames.ACCOUNT);
        b.createTopics();
        b.createBuckets();
        b.uploadProductTemplate();
        b.createTables();
        b.createParameters();
        b.createNetwork();
        b.createInstanceProfiles();
        b.registerFunctions(id -> id, Map.of());
        b.createStateMachines();
        return new Deployment(Map.copyOf(b.refs), Map.copyOf(b.arns),
                stack.enforcesIam() ? java.util.Optional.of(b.createFunctionRoles()) : java.util.Optional.empty());
    }

    /**
     * Deploys the child-account template into one child account: its roles, and its functions, which run
     * with the account's {@code credentials} under the name {@link LocalNames#childFunction}, or, when the stack enforces
     * IAM, each with a role of its own in that account holding its template statements ({@link FunctionRoles}).
     *
     * @return the child functions' roles when the stack enforces IAM
     */
    public static java.util.Optional<FunctionRoles> child(Target stack, Path templateFile, String account, AwsSessionCredentials credentials,
            Map<String, String> parameterOverrides) {
        Bootstrap b = new Bootstrap(stack, SamTemplate.read(templateFile), parameterOverrides, account);
        b.registerFunctions(id -> LocalNames.childFunction(id, account), Map.of("AWS_ACCESS_KEY_ID", credentials.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey(), "AWS_SESSION_TOKEN", credentials.sessionToken()));
        java.util.Optional<FunctionRoles> functionRoles = java.util.Optional.empty();
        if (stack.enforcesIam()) {
            FunctionRoles roles = new FunctionRoles(stack.clientInAccount(account, IamClient.builder()));
            try (StsClient sts = stack.clientInAccount(account, StsClient.builder())) {
                b.each("AWS::Serverless::Function", (id, ignored) -> stack.functions().reconfigure(LocalNames.childFunction(id, account),
                        roles.install(id, PolicyStatements.ofFunction(b.template, b.intrinsics, id), sts)));
            }
            functionRoles = java.util.Optional.of(roles);
        }
        try (IamClient iam = stack.clientInAccount(account, IamClient.builder())) {
            b.each("AWS::IAM::Role", (id, props) -> {
                String name = b.intrinsics.string(props.get("RoleName"), id + ".RoleName");
                iam.createRole(r -> r.roleName(name)
                        .assumeRolePolicyDocument(Json.write(b.intrinsics.resolve(props.get("AssumeRolePolicyDocument"), id))));
                for (Object policy : list(props.get("Policies"))) {
                    Map<String, Object> p = map(b.intrinsics.resolve(policy, id + ".Policies"));
                    Object document = stack.enforcesIam() ? FunctionRoles.documentForMoto(map(p.get("PolicyDocument"))) : p.get("PolicyDocument");
                    iam.putRolePolicy(r -> r.roleName(name).policyName(String.valueOf(p.get("PolicyName")))
                            .policyDocument(Json.write(document)));
                }
            });
        }
        return functionRoles;
    }

    /** What the pipeline bootstrap created: Ref values and ARNs by logical id. */
    public record Deployment(Map<String, String> refs, Map<String, String> arns, java.util.Optional<FunctionRoles> functionRoles) {

        /** The functions' own roles, when the stack enforces IAM ({@link Target#enforcesIam()}). */
        public FunctionRoles roles() {
            return functionRoles.orElseThrow(() -> new IllegalStateException("This stack does not enforce IAM: functions share one key"));
        }

        public String ref(String logicalId) {
            String value = refs.get(logicalId);
            if (value == null) {
                throw new IllegalArgumentException("No resource " + logicalId + " in the template");
            }
            return value;
        }

        public String arn(String logicalId) {
            String value = arns.get(logicalId);
            if (value == null) {
                throw new IllegalArgumentException("No ARN for " + logicalId);
            }
            return value;
        }
    }

    // ------------------------------------------------------------------ creation

    private void createTopics() {
        try (SnsClient sns = stack.client(SnsClient.builder())) {
            each("AWS::SNS::Topic", (id, props) -> sns.createTopic(r -> r.name(refs.get(id).substring(refs.get(id).lastIndexOf(':') + 1))));
        }
    }

    private void createBuckets() {
        try (S3Client s3 = stack.client(S3Client.builder())) {
            each("AWS::S3::Bucket", (id, props) -> {
                boolean locked = Boolean.parseBoolean(String.valueOf(props.get("ObjectLockEnabled")));
                s3.createBucket(r -> r.bucket(refs.get(id)).objectLockEnabledForBucket(locked));
                Map<String, Object> retention = map(map(map(props.get("ObjectLockConfiguration")).get("Rule")).get("DefaultRetention"));
                if (locked && !retention.isEmpty()) {
                    String mode = intrinsics.string(retention.get("Mode"), id + ".ObjectLockConfiguration.Rule.DefaultRetention.Mode");
                    int days = Integer.parseInt(intrinsics.string(retention.get("Days"), id + ".ObjectLockConfiguration.Rule.DefaultRetention.Days"));
                    s3.putObjectLockConfiguration(r -> r.bucket(refs.get(id)).objectLockConfiguration(c -> c
                            .objectLockEnabled("Enabled").rule(rule -> rule.defaultRetention(d -> d.mode(mode).days(days)))));
                }
            });
        }
    }

    /**
     * The sample Service Catalog product template where publishing reads it unless configured otherwise
     * ({@code CatalogConfig}: the evidence bucket, key {@value #PRODUCT_TEMPLATE_KEY}), as a user uploads it
     * after deploying.
     */
    private void uploadProductTemplate() {
        Path sample = template.directory().resolve(PRODUCT_TEMPLATE_KEY);
        if (!template.resources("AWS::S3::Bucket").containsKey("EvidenceBucket") || !Files.exists(sample)) {
            return;
        }
        try (S3Client s3 = stack.client(S3Client.builder().forcePathStyle(true))) {
            s3.putObject(r -> r.bucket(refs.get("EvidenceBucket")).key(PRODUCT_TEMPLATE_KEY).contentType("application/x-yaml"), sample);
        }
    }

    private void createTables() {
        try (DynamoDbClient dynamo = stack.client(DynamoDbClient.builder())) {
            each("AWS::DynamoDB::Table", (id, props) -> {
                List<AttributeDefinition> attributes = new ArrayList<>();
                for (Object a : list(props.get("AttributeDefinitions"))) {
                    attributes.add(AttributeDefinition.builder().attributeName(String.valueOf(map(a).get("AttributeName")))
                            .attributeType(String.valueOf(map(a).get("AttributeType"))).build());
                }
                List<KeySchemaElement> keys = new ArrayList<>();
                for (Object k : list(props.get("KeySchema"))) {
                    keys.add(KeySchemaElement.builder().attributeName(String.valueOf(map(k).get("AttributeName")))
                            .keyType(String.valueOf(map(k).get("KeyType"))).build());
                }
                List<GlobalSecondaryIndex> indexes = new ArrayList<>();
                for (Object g : list(props.get("GlobalSecondaryIndexes"))) {
                    List<KeySchemaElement> indexKeys = new ArrayList<>();
                    for (Object k : list(map(g).get("KeySchema"))) {
                        indexKeys.add(KeySchemaElement.builder().attributeName(String.valueOf(map(k).get("AttributeName")))
                                .keyType(String.valueOf(map(k).get("KeyType"))).build());
                    }
                    Map<String, Object> projection = map(map(g).get("Projection"));
                    indexes.add(GlobalSecondaryIndex.builder().indexName(String.valueOf(map(g).get("IndexName"))).keySchema(indexKeys)
                            .projection(p -> p.projectionType(String.valueOf(projection.get("ProjectionType")))
                                    .nonKeyAttributes(list(projection.get("NonKeyAttributes")).stream().map(String::valueOf).toList()))
                            .build());
                }
                dynamo.createTable(r -> r.tableName(refs.get(id)).attributeDefinitions(attributes).keySchema(keys)
                        .globalSecondaryIndexes(indexes.isEmpty() ? null : indexes).billingMode(BillingMode.PAY_PER_REQUEST));
            });
        }
    }

    private void createParameters() {
        try (SsmClient ssm = stack.client(SsmClient.builder())) {
            each("AWS::SSM::Parameter", (id, props) -> ssm.putParameter(r -> r.name(refs.get(id))
                    .value(intrinsics.string(props.get("Value"), id + ".Value"))
                    .type(String.valueOf(props.getOrDefault("Type", "String")))));
        }
    }

    /** VPCs, subnets and security groups, in dependency order; refs then hold moto's real ids. */
    private void createNetwork() {
        try (Ec2Client ec2 = stack.client(Ec2Client.builder())) {
            each("AWS::EC2::VPC", (id, props) -> refs.put(id, ec2.createVpc(r -> r.cidrBlock(
                    intrinsics.string(props.get("CidrBlock"), id + ".CidrBlock"))).vpc().vpcId()));
            each("AWS::EC2::Subnet", (id, props) -> refs.put(id, ec2.createSubnet(r -> r
                    .vpcId(intrinsics.string(props.get("VpcId"), id + ".VpcId"))
                    .cidrBlock(intrinsics.string(props.get("CidrBlock"), id + ".CidrBlock"))
                    .availabilityZone(LocalNames.REGION + "a")).subnet().subnetId()));
            each("AWS::EC2::SecurityGroup", (id, props) -> refs.put(id, ec2.createSecurityGroup(r -> r
                    .groupName(LocalNames.STACK + "-" + id)
                    .description(intrinsics.string(props.get("GroupDescription"), id + ".GroupDescription"))
                    .vpcId(intrinsics.string(props.get("VpcId"), id + ".VpcId"))).groupId()));
        }
    }

    /** Instance profiles with their roles (EC2 refuses a launch naming a profile that does not exist). */
    private void createInstanceProfiles() {
        try (IamClient iam = stack.client(IamClient.builder())) {
            each("AWS::IAM::Role", (id, props) -> iam.createRole(r -> r.roleName(refs.get(id))
                    .assumeRolePolicyDocument(Json.write(intrinsics.resolve(props.get("AssumeRolePolicyDocument"), id)))));
            each("AWS::IAM::InstanceProfile", (id, props) -> {
                iam.createInstanceProfile(r -> r.instanceProfileName(refs.get(id)));
                for (Object role : list(intrinsics.resolve(props.get("Roles"), id + ".Roles"))) {
                    iam.addRoleToInstanceProfile(r -> r.instanceProfileName(refs.get(id)).roleName(String.valueOf(role)));
                }
            });
        }
    }

    /** An HttpApi's public URL becomes the local gateway's, so links in e-mails open locally. */
    private String localUrls(String value) {
        String result = value;
        for (String api : template.resources("AWS::Serverless::HttpApi").keySet()) {
            result = result.replace("https://" + refs.get(api) + ".execute-api." + LocalNames.REGION + ".amazonaws.com",
                    stack.endpoint().toString().replaceAll("/$", ""));
        }
        return result;
    }

    /** @param names the local function name of each logical id; {@code extraEnvironment} goes to every function */
    private void registerFunctions(UnaryOperator<String> names, Map<String, String> extraEnvironment) {
        each("AWS::Serverless::Function", (id, ignored) -> {
            Map<String, Object> props = map(intrinsics.resolve(template.functionProperties(id), "Resources." + id + ".Properties"));
            Map<String, String> env = new LinkedHashMap<>();
            map(map(props.get("Environment")).get("Variables")).forEach((k, v) -> env.put(k, localUrls(String.valueOf(v))));
            env.remove("JAVA_TOOL_OPTIONS"); // the local container sets the Lambda JVM flags itself
            env.putAll(extraEnvironment);
            stack.functions().register(new FunctionSpec(names.apply(id), String.valueOf(props.get("Handler")),
                    Integer.parseInt(String.valueOf(props.getOrDefault("MemorySize", 128))),
                    Duration.ofSeconds(Long.parseLong(String.valueOf(props.getOrDefault("Timeout", 3)))), env));
            map(props.get("Events")).forEach((eventId, event) -> {
                if ("HttpApi".equals(map(event).get("Type"))) {
                    Map<String, Object> p = map(map(event).get("Properties"));
                    boolean iam = "AWS_IAM".equals(String.valueOf(map(p.get("Auth")).get("Authorizer")));
                    stack.gateway().addRoute(new HttpRoute(String.valueOf(p.get("Method")).toUpperCase(Locale.ROOT),
                            String.valueOf(p.get("Path")), names.apply(id), iam));
                } else if ("EventBridgeRule".equals(map(event).get("Type"))) {
                    stack.executionEndings().route(names.apply(id), map(map(map(event).get("Properties")).get("Pattern")));
                } else if ("SQS".equals(map(event).get("Type"))) {
                    routeQueuedEndings(names.apply(id), String.valueOf(map(map(event).get("Properties")).get("Queue")));
                }
            });
        });
    }

    /**
     * Each rule whose target is the queue {@code queueArn} that {@code function} reads (SweepAgainRule into SweepAgainQueue,
     * DiscardScansAgainRule into DiscardScansAgainQueue):
     * its endings are delivered to the function again after the queue's {@code DelaySeconds}.
     */
    private void routeQueuedEndings(String function, String queueArn) {
        each("AWS::SQS::Queue", (queueId, queueProps) -> {
            if (!queueArn.equals(getAtt(queueId, "Arn"))) {
                return;
            }
            Map<String, Object> queue = map(intrinsics.resolve(queueProps, "Resources." + queueId + ".Properties"));
            Duration delay = Duration.ofSeconds(Long.parseLong(String.valueOf(queue.getOrDefault("DelaySeconds", 0))));
            each("AWS::Events::Rule", (ruleId, ruleProps) -> {
                Map<String, Object> rule = map(intrinsics.resolve(ruleProps, "Resources." + ruleId + ".Properties"));
                Object targets = rule.get("Targets");
                if (targets instanceof List<?> list && list.stream().anyMatch(t -> queueArn.equals(String.valueOf(map(t).get("Arn"))))) {
                    stack.executionEndings().routeQueued(function, map(rule.get("EventPattern")), delay);
                }
            });
        });
    }

    /**
     * A role per function with exactly the statements its {@code Policies} give it (as {@link FunctionRoles} rewrites them
     * for moto), and the function reconfigured to run with that role's session credentials.
     */
    private FunctionRoles createFunctionRoles() {
        IamClient iam = stack.client(IamClient.builder());
        FunctionRoles roles = new FunctionRoles(iam);
        try (StsClient sts = stack.client(StsClient.builder())) {
            each("AWS::Serverless::Function", (id, ignored) -> stack.functions().reconfigure(id,
                    roles.install(id, PolicyStatements.ofFunction(template, intrinsics, id), sts)));
        }
        return roles;
    }

    private void createStateMachines() {
        try (SfnClient sfn = stack.client(SfnClient.builder())) {
            each("AWS::Serverless::StateMachine", (id, props) -> {
                Path file = template.directory().resolve(String.valueOf(props.get("DefinitionUri")));
                Map<String, String> substitutions = new LinkedHashMap<>();
                map(props.get("DefinitionSubstitutions")).forEach((k, v) ->
                        substitutions.put(k, intrinsics.string(v, "Resources." + id + ".Properties.DefinitionSubstitutions." + k)));
                String definition;
                try {
                    definition = Definitions.substitute(Files.readString(file), substitutions, id);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                String finalDefinition = definition;
                sfn.createStateMachine(r -> r.name(id).definition(finalDefinition)
                        .roleArn("arn:aws:iam::" + LocalNames.ACCOUNT + ":role/" + id + "Role").type(String.valueOf(props.getOrDefault("Type", "STANDARD"))));
            });
        }
    }

    // ------------------------------------------------------------------ names

    private void name(String id, String type) {
        String lower = (LocalNames.STACK + "-" + id).toLowerCase(Locale.ROOT);
        String prefix = "arn:aws:";
        String account = LocalNames.ACCOUNT;
        switch (type) {
            case "AWS::Serverless::Function" -> {
                refs.put(id, id);
                arns.put(id, LocalNames.functionArn(id));
            }
            case "AWS::SNS::Topic" -> {
                String arn = prefix + "sns:" + LocalNames.REGION + ":" + account + ":" + LocalNames.STACK + "-" + id;
                refs.put(id, arn);
                arns.put(id, arn);
            }
            case "AWS::S3::Bucket" -> {
                refs.put(id, lower);
                arns.put(id, prefix + "s3:::" + lower);
            }
            case "AWS::DynamoDB::Table" -> {
                refs.put(id, LocalNames.STACK + "-" + id);
                arns.put(id, prefix + "dynamodb:" + LocalNames.REGION + ":" + account + ":table/" + LocalNames.STACK + "-" + id);
            }
            case "AWS::Serverless::StateMachine" -> {
                refs.put(id, LocalNames.stateMachineArn(id));
                arns.put(id, LocalNames.stateMachineArn(id));
            }
            case "AWS::IAM::Role", "AWS::IAM::InstanceProfile" -> {
                refs.put(id, LocalNames.STACK + "-" + id);
                String kind = type.endsWith("Role") ? "role/" : "instance-profile/";
                arns.put(id, prefix + "iam::" + account + ":" + kind + LocalNames.STACK + "-" + id);
            }
            case "AWS::SSM::Parameter" -> {
                Object name = template.properties(id).get("Name");
                refs.put(id, name == null ? "/" + LocalNames.STACK + "/" + id : String.valueOf(name));
            }
            default -> {
                refs.put(id, "local-" + id.toLowerCase(Locale.ROOT));
                arns.put(id, prefix + "local:" + LocalNames.REGION + ":" + account + ":" + id);
            }
        }
    }

    @Override
    public String ref(String logicalId) {
        String value = refs.get(logicalId);
        if (value == null) {
            throw new IllegalStateException("Ref to unknown resource " + logicalId + " in " + template.file());
        }
        return value;
    }

    @Override
    public String getAtt(String logicalId, String attribute) {
        if (attribute.equals("Arn")) {
            String arn = arns.get(logicalId);
            if (arn == null) {
                throw new IllegalStateException("GetAtt " + logicalId + ".Arn: no such resource in " + template.file());
            }
            return arn;
        }
        return ref(logicalId) + "." + attribute;
    }

    private void each(String type, java.util.function.BiConsumer<String, Map<String, Object>> create) {
        template.resources(type).forEach((id, body) -> {
            Object condition = body.get("Condition");
            if (condition == null || intrinsics.condition(String.valueOf(condition), "Resources." + id)) {
                create.accept(id, map(body.getOrDefault("Properties", Map.of())));
            }
        });
    }
}
