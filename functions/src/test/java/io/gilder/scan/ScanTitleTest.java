package io.gilder.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.registry.InstanceRole;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one place scan titles are made (Start Scan) and recognized (Discard Scans): exact on execution and kind. */
class ScanTitleTest {

    static final String BUILD_ARN = "arn:aws:states:us-east-1:111122223333:execution:gilder-build-golden-ami:build-42";
    static final ScanSubject BUILD = new ScanSubject("ami-0abc1234def567890", InstanceRole.TEST, "AmazonLinux-2023", "WebServer-1.2", "7",
            "t3.medium", "qualys", Map.of(), Map.of());
    static final ScanSubject RESCAN = new ScanSubject("ami-0abc1234def567890", InstanceRole.RESCAN, "AmazonLinux-2023", "WebServer-1.2",
            "7", "t3.medium", "qualys", Map.of(), Map.of());

    @Test
    void aTitleNamesImageInstanceAndExecutionAndItsOwnerRecognizesIt() {
        ScanTitle owner = ScanTitle.of(BUILD_ARN, BUILD);
        String title = owner.title(BUILD, "i-0def");

        assertThat(title).isEqualTo("Gilder WebServer-1.2 AmazonLinux-2023 v7 ami-0abc1234def567890 (i-0def, execution build-42)");
        assertThat(owner.owns(title)).isTrue();
        assertThat(owner).isEqualTo(new ScanTitle("build-42", false));
    }

    @Test
    void anotherExecutionWhoseNameContainsOrExtendsThisOneIsNotMatched() {
        ScanTitle owner = new ScanTitle("build-4", false);

        assertThat(owner.owns(new ScanTitle("build-42", false).title(BUILD, "i-1"))).isFalse();
        assertThat(owner.owns(new ScanTitle("xbuild-4", false).title(BUILD, "i-1"))).isFalse();
        assertThat(owner.owns(new ScanTitle("build-4", false).title(BUILD, "i-1") + " copy")).isFalse();
        assertThat(owner.owns("Someone else's scan (execution build-4)")).as("not a Gilder title").isFalse();
        assertThat(owner.owns(null)).isFalse();
    }

    @Test
    void aBuildAndARescanOfTheSameExecutionNameAreTold() {
        ScanTitle build = new ScanTitle("nightly", false);
        ScanTitle rescan = new ScanTitle("nightly", true);
        String rescanTitle = ScanTitle.of("arn:aws:states:us-east-1:111122223333:execution:gilder-rescan-golden-amis:nightly", RESCAN)
                .title(RESCAN, "i-2");

        assertThat(rescanTitle).startsWith("Gilder rescan WebServer-1.2 ");
        assertThat(rescan.owns(rescanTitle)).isTrue();
        assertThat(build.owns(rescanTitle)).isFalse();
        assertThat(rescan.owns(build.title(BUILD, "i-2"))).isFalse();
    }

    @Test
    void aNameThatWouldBreakTheTitleIsRefused() {
        assertThatThrownBy(() -> new ScanTitle("a b", false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a b'");
        assertThatThrownBy(() -> ScanTitle.of("arn:aws:states:us-east-1:111122223333:execution:m:a,b", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ScanTitle("a)", false).owns(new ScanTitle("a)", false).title(BUILD, "i-1"))).as("a name Step Functions allows")
                .isTrue();
        assertThat(new ScanTitle(")", false).owns(new ScanTitle("a)", false).title(BUILD, "i-1"))).isFalse();
    }

    @Test
    void aRescansScanBelongsToTheRescanRunNotToTheChildExecutionOfItsMapThatStartedIt() {
        String run = "arn:aws:states:us-east-1:111122223333:execution:gilder-rescan-golden-amis:nightly-2026-12-05";
        ScanSubject image = new ScanSubject("ami-0abc1234def567890", InstanceRole.RESCAN, "AmazonLinux-2023", "WebServer-1.2", "7",
                "t3.medium", "qualys", Map.of(ScanSubject.RESCAN_RUN, run), Map.of());
        String child = "arn:aws:states:us-east-1:111122223333:execution:gilder-rescan-golden-amis/RescanImages:3f9c2a1e-77b4-4f0e-9d55-1a2b3c4d5e6f";

        ScanTitle owner = ScanTitle.of(child, image);

        assertThat(owner).isEqualTo(new ScanTitle("nightly-2026-12-05", true));
        assertThat(ScanTitle.of(run, true).owns(owner.title(image, "i-3"))).isTrue();
    }
}
