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

    private static ImageFacts ownedBy(String ownerId, String alias) {
        return new ImageFacts("ami-12345678", "al2023-ami-2023.6", "available", "ebs", null, "x86_64", "/dev/xvda", ownerId, alias,
                "2024-11-05T10:21:03.000Z");
    }

    @Test
    void byDefaultOnlyAmazonsOwnImagesAndThePipelineAccountsAreTrusted() {
        java.util.List<String> stack = BuildDefaults.AMAZON_AND_SELF;
        assertThat(SourceImageRules.whyUntrusted(ownedBy("137112412989", "amazon"), stack, "111122223333")).isEmpty();
        assertThat(SourceImageRules.whyUntrusted(ownedBy("111122223333", null), stack, "111122223333")).isEmpty();

        assertThat(SourceImageRules.whyUntrusted(ownedBy("679593333241", "aws-marketplace"), stack, "111122223333"))
                .hasValueSatisfying(why -> assertThat(why).contains("is owned by 679593333241 (aws-marketplace)",
                        "not among the stack's TrustedImageOwners (amazon, self)"));
        assertThat(SourceImageRules.whyUntrusted(ownedBy("444455556666", null), stack, "111122223333"))
                .as("a community image, even one named like Amazon's").isPresent();
        assertThat(SourceImageRules.whyUntrusted(ownedBy("111122223333", null), stack, null))
                .as("self means nothing while the pipeline account is unknown: fail closed").isPresent();
    }

    @Test
    void aStackMayTrustFurtherAccountsByIdAndAnAliasIsNoAccount() {
        java.util.List<String> stack = java.util.List.of("self", "444455556666");
        assertThat(SourceImageRules.whyUntrusted(ownedBy("444455556666", null), stack, "111122223333")).isEmpty();
        assertThat(SourceImageRules.whyUntrusted(ownedBy("137112412989", "amazon"), stack, "111122223333"))
                .as("amazon only when listed").isPresent();
    }

    @Test
    void thePipelineAccountIsReadFromTheFunctionsOwnArn() {
        assertThat(ValidateBuildRequestHandler.account(null)).isNull();
        assertThat(ValidateBuildRequestHandler.account(new io.gilder.testing.FakeContext(
                "arn:aws:lambda:eu-west-1:111122223333:function:gilder-ValidateBuildRequestFunction-AbC"))).isEqualTo("111122223333");
        assertThat(ValidateBuildRequestHandler.account(new io.gilder.testing.FakeContext("not-an-arn"))).isNull();
    }
}
