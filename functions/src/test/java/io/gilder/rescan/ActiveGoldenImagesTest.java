package io.gilder.rescan;

import io.gilder.registry.GoldenParameters;
import io.gilder.scan.RescanTarget;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class ActiveGoldenImagesTest {

    private static final String WEB_7 = "/GoldenAMI/AmazonLinux-2023/WebServer-1.2/7";
    private static final String WEB_6 = "/GoldenAMI/AmazonLinux-2023/WebServer-1.2/6";
    private static final String DB_3 = "/GoldenAMI/Ubuntu-24.04/Database-2.0/3";

    @Test
    void activeMeansOnTheLatestListInItsOrderWithTheIdentityOfItsVersionParameter() {
        Map<String, String> parameters = Map.of(WEB_7, "ami-web7", DB_3, "ami-db3", GoldenParameters.LATEST, "ami-db3,ami-web7");

        ActiveGoldenImages images = ActiveGoldenImages.of(parameters, "ami-db3, ami-web7");

        assertThat(images.targets()).containsExactly(
                new RescanTarget("ami-db3", "Ubuntu-24.04", "Database-2.0", "3", DB_3),
                new RescanTarget("ami-web7", "AmazonLinux-2023", "WebServer-1.2", "7", WEB_7));
        assertThat(images.inactive()).isZero();
    }

    @Test
    void versionsWhoseImageIsNotActiveAreCountedNotScanned() {
        ActiveGoldenImages images = ActiveGoldenImages.of(Map.of(WEB_7, "ami-web7", WEB_6, "ami-web6", DB_3, "ami-db3"), "ami-web7");

        assertThat(images.targets()).extracting(RescanTarget::imageId).containsExactly("ami-web7");
        assertThat(images.inactive()).isEqualTo(2);
    }

    @Test
    void anActiveImageNoParameterHoldsIsStillScannedAsUnregistered() {
        ActiveGoldenImages images = ActiveGoldenImages.of(Map.of(WEB_7, "ami-web7"), "ami-web7,ami-handmade");

        assertThat(images.targets()).hasSize(2);
        RescanTarget handmade = images.targets().get(1);
        assertThat(handmade.imageId()).isEqualTo("ami-handmade");
        assertThat(handmade.unregistered()).isTrue();
        assertThat(handmade.os()).isNull();
        assertThat(images.targets().get(0).unregistered()).isFalse();
    }

    @Test
    void anImageHeldByTwoParametersIsScannedOnceUnderTheLowestName() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(WEB_7, "ami-same");
        parameters.put(WEB_6, "ami-same");

        ActiveGoldenImages images = ActiveGoldenImages.of(parameters, "ami-same,ami-same");

        assertThat(images.targets()).containsExactly(new RescanTarget("ami-same", "AmazonLinux-2023", "WebServer-1.2", "6", WEB_6));
    }

    @Test
    void noActiveListMeansNothingToScanEvenWithVersionParameters() {
        ActiveGoldenImages images = ActiveGoldenImages.of(Map.of(WEB_7, "ami-web7"), null);

        assertThat(images.targets()).isEmpty();
        assertThat(images.inactive()).isEqualTo(1);
    }

    @Test
    void parametersOfAnotherShapeAreIgnored() {
        Map<String, String> parameters = Map.of(
                "/GoldenAMI/AmazonLinux-2023/WebServer-1.2", "ami-web7",
                "/GoldenAMI/AmazonLinux-2023/WebServer-1.2/7/extra", "ami-web7",
                "/GoldenAMI//WebServer-1.2/7", "ami-web7",
                "/GoldenAMI/.lock/latest.broken/owner-1", "broken at 2026-11-23T10:00:00Z",
                "/Other/AmazonLinux-2023/WebServer-1.2/7", "ami-web7");

        ActiveGoldenImages images = ActiveGoldenImages.of(parameters, "ami-web7");

        assertThat(images.targets()).containsExactly(new RescanTarget("ami-web7", null, null, null, null));
        assertThat(images.inactive()).isZero();
    }

    @Test
    void valuesAreComparedAfterTrimmingAndNeverBySubstring() {
        ActiveGoldenImages images = ActiveGoldenImages.of(Map.of(WEB_7, " ami-0abc ", WEB_6, "ami-0ab"), "ami-0abc");

        assertThat(images.targets()).containsExactly(new RescanTarget("ami-0abc", "AmazonLinux-2023", "WebServer-1.2", "7", WEB_7));
        assertThat(images.inactive()).isEqualTo(1);
    }
}
