package io.gilder.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ApprovalIdsTest {

    private final ApprovalIds ids = new ApprovalIds(SecureRandom::new);

    @Test
    void anIdIs192RandomBitsInUrlSafeBase64WithoutPadding() {
        String id = ids.next();

        assertThat(id).hasSize(32).matches("[A-Za-z0-9_-]+").doesNotContain("=");
        assertThat(Base64.getUrlDecoder().decode(id)).hasSize(24);
        assertThat(ApprovalIds.isWellFormed(id)).isTrue();
    }

    @Test
    void theStoreKeyIsTheIdsSha256AndTheReferenceItsPrefix() throws Exception {
        String id = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThat(ApprovalIds.key(id)).hasSize(43).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(expected))
                .doesNotContain(id);
        assertThat(ApprovalIds.reference(id)).hasSize(12).isEqualTo(ApprovalIds.key(id).substring(0, 12));
        assertThat(ApprovalIds.key(ids.next())).isNotEqualTo(ApprovalIds.key(ids.next()));
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ids.next())).isTrue();
        }
    }

    @Test
    void eachIdTakesItsBytesFromTheGivenGenerator() {
        ApprovalIds fixed = new ApprovalIds(() -> new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 0xFB);
            }
        });

        assertThat(fixed.next()).isEqualTo("-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_v7");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"abc", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%", "../../../../../../../etc/passwd00",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAé", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n"})
    void aGarbledOrTamperedIdIsNotWellFormed(String id) {
        assertThat(ApprovalIds.isWellFormed(id)).isFalse();
    }
}
