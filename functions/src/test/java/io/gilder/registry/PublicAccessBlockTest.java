package io.gilder.registry;

import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class PublicAccessBlockTest {

    @Test
    void blockedOnlyWhenBothImagesAndSnapshotsBlockNewPublicSharing() {
        assertThat(new PublicAccessBlock("eu-west-1", "block-new-sharing", "block-all-sharing").whyNotBlocked()).isEmpty();
        assertThat(new PublicAccessBlock("eu-west-1", "block-new-sharing", "block-new-sharing").whyNotBlocked()).isEmpty();

        assertThat(new PublicAccessBlock("eu-west-1", "unblocked", "block-all-sharing").whyNotBlocked()).hasValueSatisfying(why ->
                assertThat(why).startsWith("block public access for AMIs is 'unblocked' in eu-west-1").doesNotContain("snapshots"));
        assertThat(new PublicAccessBlock("eu-west-1", "block-new-sharing", "unblocked").whyNotBlocked()).hasValueSatisfying(why ->
                assertThat(why).startsWith("block public access for snapshots is 'unblocked' in eu-west-1")
                        .contains("enable-snapshot-block-public-access --region eu-west-1 --state block-all-sharing"));
    }

    @Test
    void aMissingOrUnknownStateCountsAsOff() {
        assertThat(new PublicAccessBlock("us-east-1", null, null).whyNotBlocked()).hasValueSatisfying(why ->
                assertThat(why).contains("AMIs is 'null'").contains("snapshots is 'null'"));
        assertThat(new PublicAccessBlock("us-east-1", "block-everything-later", "block-all-sharing").whyNotBlocked()).isPresent();
    }
}
