package io.gilder.build;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceImageRulesTest {

    private static ImageFacts image(String state, String rootDeviceType, String platform) {
        return new ImageFacts("ami-12345678", "name", state, rootDeviceType, platform, "x86_64", "/dev/xvda");
    }

    @Test
    void anAvailableEbsLinuxImageIsEligible() {
        assertThat(SourceImageRules.whyIneligible(image("available", "ebs", null))).isEmpty();
    }

    @Test
    void eachDisqualificationSaysWhy() {
        assertThat(SourceImageRules.whyIneligible(image("available", "instance-store", null))).hasValueSatisfying(
                why -> assertThat(why).contains("instance-store-backed"));
        assertThat(SourceImageRules.whyIneligible(image("pending", "ebs", null))).hasValueSatisfying(
                why -> assertThat(why).contains("'pending'"));
        assertThat(SourceImageRules.whyIneligible(image("available", "ebs", "windows"))).hasValueSatisfying(
                why -> assertThat(why).contains("Windows"));
    }
}
