package io.gilder.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    @Test
    void keepsTheNewestNAndReturnsTheOlderOnesOldestFirst() {
        assertThat(RetentionPolicy.olderThanNewest(List.of("3", "1", "2"), 1)).containsExactly("1", "2");
        assertThat(RetentionPolicy.olderThanNewest(List.of("3", "1", "2"), 2)).containsExactly("1");
    }

    @Test
    void ordersVersionsNumericallyByComponentNotAsText() {
        assertThat(RetentionPolicy.olderThanNewest(List.of("10", "9", "2"), 1)).containsExactly("2", "9");
        assertThat(RetentionPolicy.olderThanNewest(List.of("1.10", "1.9", "1.4.0", "2"), 2)).containsExactly("1.4.0", "1.9");
    }

    @Test
    void zeroKeepsEverythingAndFewerVersionsThanNChangeNothing() {
        assertThat(RetentionPolicy.olderThanNewest(List.of("1", "2", "3"), 0)).isEmpty();
        assertThat(RetentionPolicy.olderThanNewest(List.of("1", "2"), 2)).isEmpty();
        assertThat(RetentionPolicy.olderThanNewest(List.of(), 1)).isEmpty();
    }

    @Test
    void namesThatAreNotVersionsAreNeverDeprecated() {
        assertThat(RetentionPolicy.olderThanNewest(List.of("1", "latest", "2", "draft-3"), 1)).containsExactly("1");
    }

    @Test
    void aNegativeCountIsRefused() {
        assertThatThrownBy(() -> RetentionPolicy.olderThanNewest(List.of("1"), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
