package io.gilder.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which callers' calls fault injection logs and fails: all but the spared ones, or, with {@link Faults#only}, one alone. */
class FaultsTest {

    private static final AwsOperation UPDATE = new AwsOperation("dynamodb", "UpdateItem", "json");

    private static String signedBy(String accessKeyId) {
        return "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/20261204/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00";
    }

    @Test
    void onlyOneCallerIsLoggedAndFailedEvenWhenSparedUntilTheNextReset() {
        Faults faults = new Faults();
        faults.spare("page");
        faults.only("page");
        faults.add(Faults.refused("dynamodb:UpdateItem", 2));

        assertThat(faults.onCall(UPDATE, signedBy("workflow"))).as("another caller passes unlogged").isEmpty();
        assertThat(faults.onCall(UPDATE, signedBy("page"))).as("the page's first call").isEmpty();
        assertThat(faults.onCall(UPDATE, signedBy("page"))).as("the page's second call: the one planned").isPresent();
        assertThat(faults.calls()).containsExactly("dynamodb:UpdateItem", "dynamodb:UpdateItem");

        faults.reset();
        faults.add(Faults.refused("dynamodb:UpdateItem", 1));
        assertThat(faults.onCall(UPDATE, signedBy("page"))).as("spared again once the focus is reset").isEmpty();
        assertThat(faults.onCall(UPDATE, signedBy("workflow"))).isPresent();
        assertThat(faults.calls()).containsExactly("dynamodb:UpdateItem");
    }
}
