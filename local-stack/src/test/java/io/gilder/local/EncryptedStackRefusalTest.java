package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The cheap end-to-end refusal of issue 16: a stack deployed with {@code ImageEncryption=CustomerManagedKey} whose
 * {@code ImageKmsKeyArn} names a key that does not exist (an alias nobody made). The real build state machine, running
 * the real function, must fail at "Validate Build Request" naming the parameter, the key and the KMS call, and launch
 * nothing. Its own stack (about 8 s to start), because the stack parameters are fixed at deployment.
 */
class EncryptedStackRefusalTest {

    @Test
    void aBuildWithAnImageKeyThatDoesNotExistIsRefusedNamingItBeforeAnythingIsLaunched() throws Exception {
        String missingKey = "arn:aws:kms:" + LocalNames.REGION + ":" + LocalNames.ACCOUNT + ":alias/gilder-no-such-key";
        LocalStack.Options options = LocalStack.Options.defaults(LocalAws.root()).withParameter("ImageEncryption", "CustomerManagedKey")
                .withParameter("ImageKmsKeyArn", missingKey)
                .withParameter("RegionKmsKeyArns", "eu-west-1=arn:aws:kms:eu-west-1:" + LocalNames.ACCOUNT + ":alias/gilder-no-such-key");
        long started = System.nanoTime();
        try (LocalStack aws = LocalStack.start(options);
                SfnClient sfn = aws.client(SfnClient.builder());
                Ec2Client ec2 = aws.client(Ec2Client.builder())) {
            ObjectNode request = (ObjectNode) Json.read(Files.readString(LocalAws.root().resolve("events/build-golden-ami/default.json")));
            request.put("sourceAmiId", LocalImages.amazonLinux(ec2));
            int instancesBefore = ec2.describeInstances(r -> r.filters(Filter.builder().name("instance-state-name")
                    .values("pending", "running").build())).reservations().size();

            Executions.Result result = Executions.run(sfn, aws.deployment().ref("BuildGoldenAmiStateMachine"),
                    "encrypted-refusal-" + System.nanoTime(), Json.write(request), Duration.ofMinutes(2));

            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).contains("InvalidRequestException");
            assertThat(result.cause()).contains("ImageKmsKeyArn").contains(missingKey).contains("kms:DescribeKey");
            assertThat(result.statesEntered()).contains("Validate Build Request").doesNotContain("Launch Builder Instance");
            assertThat(ec2.describeInstances(r -> r.filters(Filter.builder().name("instance-state-name")
                    .values("pending", "running").build())).reservations()).hasSize(instancesBefore);
        }
        System.out.printf("EncryptedStackRefusalTest: stack start, refusal and stop in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }
}
