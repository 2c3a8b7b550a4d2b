package io.gilder.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    private static final String BODY = "approver=Ann+O%27Brien&comment=line+1%0D%0Aline+2+%C3%A9&decision=APPROVED";

    @Test
    void decodesAUrlEncodedForm() {
        assertThat(FormBody.parse(BODY, false))
                .containsEntry("approver", "Ann O'Brien")
                .containsEntry("comment", "line 1\r\nline 2 é")
                .containsEntry("decision", "APPROVED");
    }

    @Test
    void decodesABase64EncodedBodyFirst() {
        String encoded = Base64.getEncoder().encodeToString(BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(FormBody.parse(encoded, true)).isEqualTo(FormBody.parse(BODY, false));
    }

    @Test
    void theFirstOfRepeatedFieldsCounts() {
        assertThat(FormBody.parse("decision=DENIED&decision=APPROVED", false)).containsEntry("decision", "DENIED");
    }

    @Test
    void aGarbledFieldIsLeftOutAndTheOthersKept() {
        assertThat(FormBody.parse("approver=%ZZ&decision=DENIED&comment", false))
                .doesNotContainKey("approver").containsEntry("decision", "DENIED").containsEntry("comment", "");
    }

    @Test
    void noBodyBadBase64OrAnOversizedBodyGiveNoFields() {
        assertThat(FormBody.parse(null, false)).isEmpty();
        assertThat(FormBody.parse("not base64 !!", true)).isEmpty();
        assertThat(FormBody.parse("approver=" + "a".repeat(FormBody.MAX_BYTES), false)).isEmpty();
    }
}
