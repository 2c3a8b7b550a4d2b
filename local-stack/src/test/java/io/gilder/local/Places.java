package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.local.emulator.LocalNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The six places a distribution to the two fake child accounts in us-east-1 (the pipeline's region) and eu-west-1
 * reaches (the pipeline account and each child account, in both regions), what is in them, and the two workflows run
 * over them: shared by the decommission and fault-injection tests.
 */
final class Places {

    static final List<Region> REGIONS = List.of(Region.US_EAST_1, Region.EU_WEST_1);
    static final Place PIPELINE_HOME = new Place(null, Region.of(LocalNames.REGION));
    static final List<Place> ALL = Stream.concat(Stream.<String>of((String) null), LocalNames.CHILD_ACCOUNTS.stream())
            .flatMap(account -> REGIONS.stream().map(region -> new Place(account, region))).toList();

    private Places() {}

    /** An account (null: the pipeline account) and region the image reaches. */
    record Place(String account, Region region) {

        <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(LocalStack aws, B builder) {
            return aws.clientInAccount(account == null ? LocalNames.ACCOUNT : account, builder, region);
        }

        AccountState state(LocalStack aws) {
            try (Ec2Client ec2 = client(aws, Ec2Client.builder()); SsmClient ssm = client(aws, SsmClient.builder())) {
                AccountState state = AccountState.of(ec2, ssm);
                return this.equals(PIPELINE_HOME) ? state.withApprovalsTableOf(aws) : state;
            }
        }

        /** The ids on {@code /GoldenAMI/latest} here. */
        List<String> latest(LocalStack aws) {
            try (SsmClient ssm = client(aws, SsmClient.builder())) {
                return Arrays.asList(ssm.getParameter(r -> r.name("/GoldenAMI/latest")).parameter().value().split(","));
            } catch (ParameterNotFoundException e) {
                return List.of();
            }
        }

        /** Appends {@code imageId} to {@code /GoldenAMI/latest} here, as a registration does (tests run one at a time). */
        void addToLatest(LocalStack aws, String imageId) {
            List<String> ids = new ArrayList<>(latest(aws));
            ids.add(imageId);
            try (SsmClient ssm = client(aws, SsmClient.builder())) {
                ssm.putParameter(r -> r.name("/GoldenAMI/latest").value(String.join(",", ids)).type(ParameterType.STRING).overwrite(true));
            }
        }

        @Override
        public String toString() {
            return (account == null ? "pipeline" : account) + "/" + region.id();
        }
    }


    /** Build 1 of {@code product} registered (parameter and list entry, as a build leaves it) and distributed everywhere. */
    static String registerAndDistribute(LocalStack aws, String product) {
        String golden = GoldenImages.register(aws, product);
        PIPELINE_HOME.addToLatest(aws, golden);
        Executions.Result distributed = GoldenImages.run(aws, "DistributeGoldenAmiStateMachine",
                GoldenImages.distribution(product, REGIONS.stream().map(Region::id).toList()));
        assertThat(distributed.status()).as(distributed.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return golden;
    }

    /** Lists another image on {@code /GoldenAMI/latest} in every place: a decommission must leave it there. */
    static String keepAnotherImageListedEverywhere(LocalStack aws) {
        String keep = "ami-0" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        ALL.forEach(place -> place.addToLatest(aws, keep));
        return keep;
    }

    static Executions.Result decommission(LocalStack aws, String product, boolean force) {
        return GoldenImages.run(aws, "DecommissionGoldenAmiStateMachine", Map.of("productName", product,
                "productOSAndVersion", GoldenImages.OS, "buildVersion", "1", "force", force));
    }

    static Map<Place, AccountState> states(LocalStack aws) {
        Map<Place, AccountState> states = new LinkedHashMap<>();
        ALL.forEach(place -> states.put(place, place.state(aws)));
        return states;
    }

    /** What is in each place now and was not in {@code before}. */
    static Map<Place, List<String>> changes(LocalStack aws, Map<Place, AccountState> before) {
        Map<Place, List<String>> changes = new LinkedHashMap<>();
        before.forEach((place, state) -> changes.put(place, place.state(aws).newSince(state)));
        return changes;
    }

    static void assertUnchanged(Map<Place, List<String>> changes, String what) {
        assertThat(changes).as(what).allSatisfy((place, lines) -> assertThat(lines).as(place + ": " + what).isEmpty());
    }
}
