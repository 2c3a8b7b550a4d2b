package io.gilder.distribution;

import io.gilder.error.ImageNotDistributableException;
import io.gilder.error.InvalidRequestException;
import io.gilder.error.PublicSharingRefusedException;
import io.gilder.registry.DistributionImage;
import io.gilder.registry.DistributionManifestTest;
import io.gilder.registry.FakeGoldenRegistry;
import io.gilder.registry.FakeRegionalImages;
import io.gilder.registry.GilderTags;
import io.gilder.registry.GoldenRegistries;
import io.gilder.registry.GoldenRegistry;
import io.gilder.registry.RegionCopy;
import io.gilder.registry.RegionalImage;
import io.gilder.registry.RegionalImages;
import io.gilder.registry.RevocationTags;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The distribution steps against in-memory EC2 images: what is called, and that a repeat changes nothing. */
class ImageDistributionTest {

    static final DistributionImage IMAGE = DistributionManifestTest.IMAGE;
    final FakeRegionalImages images = new FakeRegionalImages();
    final ImageDistribution distribution = new ImageDistribution(images, new NoRegistries(), 3);

    @Test
    void theHomeRegionIsNotCopied() {
        assertThat(distribution.copy("arn:exec", IMAGE, "us-east-1")).isEqualTo(new RegionCopy("us-east-1", IMAGE.imageId(), false));
        assertThat(images.copyTokens).isEmpty();
    }

    @Test
    void aSecondRunFindsTheFirstCopyByItsSourceTag() {
        RegionCopy first = distribution.copy("arn:exec:1", IMAGE, "eu-west-1");
        RegionCopy again = distribution.copy("arn:exec:2", IMAGE, "eu-west-1");

        assertThat(again).isEqualTo(first);
        assertThat(first.copied()).isTrue();
        assertThat(images.copyTokens).containsExactly(CopyToken.of(IMAGE.imageId(), "eu-west-1"));
        assertThat(images.tags.get(first.imageId())).containsEntry(DistributionTags.SOURCE_IMAGE, IMAGE.imageId())
                .containsEntry(GilderTags.AMI_TYPE, GilderTags.GOLDEN).containsEntry(GilderTags.EXECUTION, "arn:exec:1");
    }

    @Test
    void aCopyAndItsSnapshotsAreTaggedAtCopyImageAndNeverAfterwards() {
        String copy = distribution.copy("arn:exec", IMAGE, "eu-west-1").imageId();
        images.byId.compute(copy, (id, pending) -> new RegionalImage(id, pending.name(), "available", null, false, Map.of(),
                pending.snapshotIds()));
        distribution.check("eu-west-1", copy, 0);

        assertThat(images.tagsAtCopy.get(copy)).as("asked at CopyImage").containsEntry(DistributionTags.SOURCE_IMAGE, IMAGE.imageId())
                .containsEntry(GilderTags.AMI_TYPE, GilderTags.GOLDEN).containsEntry(GilderTags.EXECUTION, "arn:exec");
        assertThat(images.tagCalls).as("the role may tag a copy or its snapshots at CopyImage only (ec2:CreateAction)").isEmpty();
    }

    @Test
    void anImageOfTheSameNameWithoutTheSourceTagIsNotTakenForTheCopyAndTheCopyFailsNamingIt() {
        String stranger = images.add("eu-west-1", IMAGE.name(), "available", false, Map.of());

        assertThatThrownBy(() -> distribution.copy("arn:exec", IMAGE, "eu-west-1")).hasMessageContaining("InvalidAMIName.Duplicate")
                .hasMessageContaining(stranger);
        assertThat(images.tags.get(stranger)).as("left as it was").isEmpty();
        assertThat(images.tagCalls).isEmpty();
    }

    @Test
    void sharingGrantsOnlyWhatIsMissing() {
        String copy = distribution.copy("arn:exec", IMAGE, "eu-west-1").imageId();
        images.launch.get(copy).add("111111111111");

        distribution.share("eu-west-1", copy, List.of("111111111111", "222222222222"), IMAGE.parameterName(), "arn:exec");
        distribution.share("eu-west-1", copy, List.of("111111111111", "222222222222"), IMAGE.parameterName(), "arn:exec");

        assertThat(images.grants).containsExactly("launch " + copy + " [222222222222]", "volumes snap-" + copy + " [111111111111, 222222222222]");
    }

    @Test
    void anImageRevokedAfterValidationIsNeitherSharedToLatestNorPublishedInAnAccount() {
        FakeGoldenRegistry registry = new FakeGoldenRegistry();
        ImageDistribution withRegistry = new ImageDistribution(images, new OneRegistry(registry), 3);
        String copy = withRegistry.copy("arn:exec", IMAGE, "eu-west-1").imageId();
        // revoke-golden-ami marked the copy after this distribution's validation read it
        images.tag("eu-west-1", List.of(copy), Map.of(RevocationTags.REVOCATION, "revoke", RevocationTags.AT, "2026-12-01T09:00:00Z"));

        assertThatThrownBy(() -> withRegistry.share("eu-west-1", copy, List.of("111111111111"), IMAGE.parameterName(), "arn:exec"))
                .isInstanceOf(io.gilder.error.ImageRevokedException.class).hasMessageContaining(copy)
                .hasMessageContaining("revoke, 2026-12-01T09:00:00Z").hasMessageContaining("/GoldenAMI/latest");
        assertThatThrownBy(() -> withRegistry.publish("arn:exec", "111111111111", "eu-west-1", copy, IMAGE.parameterName()))
                .isInstanceOf(io.gilder.error.ImageRevokedException.class);
        assertThat(registry.latest.ids()).isEmpty();
    }

    @Test
    void anUnrevokedImageIsPublished() {
        FakeGoldenRegistry registry = new FakeGoldenRegistry();
        ImageDistribution withRegistry = new ImageDistribution(images, new OneRegistry(registry), 3);
        String copy = withRegistry.copy("arn:exec", IMAGE, "eu-west-1").imageId();

        withRegistry.publish("arn:exec", "111111111111", "eu-west-1", copy, IMAGE.parameterName());

        assertThat(registry.latest.ids()).containsExactly(copy);
    }

    @Test
    void validationRefusesAnEncryptedImageBeforeAnythingStarts() {
        String encrypted = images.add("us-east-1", IMAGE.name(), "available", true, Map.of(GilderTags.AMI_TYPE, GilderTags.GOLDEN));
        DistributionValidator validator = validator(Map.of(IMAGE.parameterName(), encrypted));

        assertThatThrownBy(() -> validator.validate(request()))
                .isInstanceOf(ImageNotDistributableException.class).hasMessageContaining("is encrypted").hasMessageContaining("KMS");
        assertThat(images.copyTokens).isEmpty();
    }

    /** An image registered before snapshots were tagged at CreateImage: its share would fail AccessDenied halfway. */
    @Test
    void validationRefusesAnImageWhoseSnapshotsLackTheGoldenTagNamingThemAndTheUpgradeStep() {
        String old = images.add("us-east-1", IMAGE.name(), "available", false, Map.of(GilderTags.AMI_TYPE, GilderTags.GOLDEN));
        images.tags.put("snap-" + old, new java.util.HashMap<>(Map.of("Name", "root volume")));
        DistributionValidator validator = validator(Map.of(IMAGE.parameterName(), old));

        assertThatThrownBy(() -> validator.validate(request())).isInstanceOf(ImageNotDistributableException.class)
                .hasMessageContaining(old + " (" + IMAGE.parameterName() + ") has snapshots without the AMI-Type=Golden tag")
                .hasMessageContaining("snap-" + old).hasMessageContaining("upgrade step");
        assertThat(images.copyTokens).isEmpty();
        assertThat(images.grants).isEmpty();

        images.tags.get("snap-" + old).put(GilderTags.AMI_TYPE, GilderTags.GOLDEN);
        assertThat(validator.validate(request()).image().imageId()).as("once tagged").isEqualTo(old);
    }

    /** A regional copy an earlier version made (its snapshot untagged) would be reused, and its share refused halfway. */
    @Test
    void validationAlsoNamesTheUntaggedSnapshotsOfACopyItWouldReuseInATargetRegion() {
        String golden = images.add("us-east-1", IMAGE.name(), "available", false, Map.of(GilderTags.AMI_TYPE, GilderTags.GOLDEN));
        String copy = images.add("eu-west-1", IMAGE.name(), "available", false, Map.of(GilderTags.AMI_TYPE, GilderTags.GOLDEN,
                DistributionTags.SOURCE_IMAGE, golden));
        images.tags.put("snap-" + copy, new java.util.HashMap<>());
        String elsewhere = images.add("ap-south-1", IMAGE.name(), "available", false, Map.of(DistributionTags.SOURCE_IMAGE, golden));
        images.tags.put("snap-" + elsewhere, new java.util.HashMap<>());
        DistributionValidator validator = validator(Map.of(IMAGE.parameterName(), golden));

        assertThatThrownBy(() -> validator.validate(request())).isInstanceOf(ImageNotDistributableException.class)
                .hasMessageContaining("snap-" + copy + " of " + copy + " in eu-west-1")
                .hasMessageNotContaining("snap-" + golden).as("not a target region").hasMessageNotContaining("ap-south-1");
        assertThat(images.copyTokens).isEmpty();
    }

    @Test
    void validationRefusesARevokedImageAndSaysHowToReinstateIt() {
        String revoked = images.add("us-east-1", IMAGE.name(), "available", false, Map.of(GilderTags.AMI_TYPE, GilderTags.GOLDEN,
                RevocationTags.REVOCATION, "deprecate", RevocationTags.AT, "2026-11-20T03:00:00Z", RevocationTags.REASON, "severity 5 finding 38739"));
        DistributionValidator validator = validator(Map.of(IMAGE.parameterName(), revoked));

        assertThatThrownBy(() -> validator.validate(request())).isInstanceOf(ImageNotDistributableException.class)
                .hasMessageContaining(revoked + " (" + IMAGE.parameterName() + ") was revoked (deprecate, 2026-11-20T03:00:00Z: severity 5 finding 38739)")
                .hasMessageContaining("gilder:revocation* tags");
        assertThat(images.copyTokens).isEmpty();
    }

    @Test
    void validationNamesTheVersionWhenItIsNotRegistered() {
        assertThatThrownBy(() -> validator(Map.of()).validate(request())).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.fields()).containsExactly("buildVersion"));
    }

    @Test
    void aValidRequestGroupsAccountsByRegion() {
        String golden = images.add("us-east-1", IMAGE.name(), "available", false, Map.of(GilderTags.AMI_TYPE, GilderTags.GOLDEN));

        ValidatedDistribution valid = validator(Map.of(IMAGE.parameterName(), golden)).validate(request());

        assertThat(valid.image().imageId()).isEqualTo(golden);
        assertThat(valid.image().sourceRegion()).isEqualTo("us-east-1");
        assertThat(valid.regions()).containsExactly(new RegionTargets("eu-west-1", List.of("111111111111")),
                new RegionTargets("us-east-1", List.of("111111111111", "222222222222")));
        assertThat(valid.accounts()).containsExactly(new AccountTargets("111111111111", List.of("eu-west-1", "us-east-1")),
                new AccountTargets("222222222222", List.of("us-east-1")));
        assertThat(valid.settings().pollSeconds()).isEqualTo(30);
    }

    @Test
    void validationRefusesAccountsOutsideTheAllowlistByFieldBeforeReadingAnythingElse() {
        String golden = images.add("us-east-1", IMAGE.name(), "available", false, Map.of(GilderTags.AMI_TYPE, GilderTags.GOLDEN));
        DistributionValidator validator = validator(Map.of(IMAGE.parameterName(), golden), AccountScope.of("Allowlist", List.of("111111111111")));

        assertThatThrownBy(() -> validator.validate(request())).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.fields()).containsExactly("MetadataJSON.222222222222");
            assertThat(e.getMessage()).contains("names 222222222222, which is not in the stack's DistributionAllowedAccounts");
        });
        assertThat(images.publicAccessChecks).isEmpty();
        assertThat(images.copyTokens).isEmpty();
    }

    @Test
    void validationInOrganizationScopeAcceptsActiveMembers() {
        String golden = images.add("us-east-1", IMAGE.name(), "available", false, Map.of(GilderTags.AMI_TYPE, GilderTags.GOLDEN));
        DistributionValidator validator = new DistributionValidator(() -> DistributionRequestParserTest.REGIONS,
                name -> Optional.of(golden), images, "us-east-1", 30, DistributionRequestParserTest.JSON,
                AccountScope.of("Organization", List.of()), account -> Optional.of("ACTIVE"));

        assertThat(validator.validate(request()).accounts()).extracting(AccountTargets::accountId)
                .containsExactly("111111111111", "222222222222");
    }

    @Test
    void validationRequiresBlockPublicAccessInTheHomeRegionAndEveryTargetRegionAndNamesEachThatIsOff() {
        String golden = images.add("us-east-1", IMAGE.name(), "available", false, Map.of(GilderTags.AMI_TYPE, GilderTags.GOLDEN));
        images.imagesUnblockedIn.add("eu-west-1");
        images.snapshotsUnblockedIn.add("us-east-1");
        Map<String, Object> toEuropeOnly = Map.of("productName", "WebServer-1.2", "productOSAndVersion", "AmazonLinux-2023",
                "buildVersion", "3", "targets", List.of(Map.of("accountId", "111111111111", "regions", List.of("eu-west-1"))));

        assertThatThrownBy(() -> validator(Map.of(IMAGE.parameterName(), golden)).validate(toEuropeOnly))
                .isInstanceOf(PublicSharingRefusedException.class)
                .hasMessageContaining("block public access for AMIs is 'unblocked' in eu-west-1")
                .hasMessageContaining("enable-image-block-public-access --region eu-west-1")
                .hasMessageContaining("block public access for snapshots is 'unblocked' in us-east-1")
                .hasMessageNotContaining("for AMIs is 'unblocked' in us-east-1");
        assertThat(images.publicAccessChecks).containsExactly("eu-west-1", "us-east-1");
        assertThat(images.copyTokens).isEmpty();
    }

    @Test
    void sharingNeverNamesTheGroupAll() {
        String copy = distribution.copy("arn:exec", IMAGE, "eu-west-1").imageId();

        assertThatThrownBy(() -> distribution.share("eu-west-1", copy, List.of("111111111111", "all"), IMAGE.parameterName(), "arn:exec"))
                .isInstanceOf(PublicSharingRefusedException.class).hasMessageContaining("'all'").hasMessageContaining("account ids only");
        assertThat(images.grants).isEmpty();
    }

    @Test
    void anImageOrSnapshotThatIsAlreadyPublicIsSharedNoFurther() {
        String image = distribution.copy("arn:exec", IMAGE, "eu-west-1").imageId();
        String snapshot = distribution.copy("arn:exec", IMAGE, "ap-southeast-2").imageId();
        images.launch.get(image).add(RegionalImages.PUBLIC);
        images.volumes.get("snap-" + snapshot).add(RegionalImages.PUBLIC);

        assertThatThrownBy(() -> distribution.share("eu-west-1", image, List.of("111111111111"), IMAGE.parameterName(), "arn:exec"))
                .isInstanceOf(PublicSharingRefusedException.class).hasMessageContaining("Image " + image + " in eu-west-1 is public");
        assertThatThrownBy(() -> distribution.share("ap-southeast-2", snapshot, List.of("111111111111"), IMAGE.parameterName(), "arn:exec"))
                .isInstanceOf(PublicSharingRefusedException.class).hasMessageContaining("Snapshot snap-" + snapshot + " of " + snapshot);
        assertThat(images.grants).isEmpty();
    }

    private DistributionValidator validator(Map<String, String> parameters, AccountScope scope) {
        return new DistributionValidator(() -> DistributionRequestParserTest.REGIONS, name -> Optional.ofNullable(parameters.get(name)),
                images, "us-east-1", 30, DistributionRequestParserTest.JSON, scope, account -> {
                    throw new AssertionError("Allowlist mode asks no organization");
                });
    }

    private DistributionValidator validator(Map<String, String> parameters) {
        return validator(parameters, AccountScope.of(AccountScope.ALLOWLIST, List.of("111111111111", "222222222222")));
    }

    private static Map<String, Object> request() {
        return Map.of("productName", "WebServer-1.2", "productOSAndVersion", "AmazonLinux-2023", "buildVersion", "3",
                "MetadataJSON", Map.of("111111111111", "us-east-1,eu-west-1", "222222222222", "us-east-1"));
    }

    /** Registries that accept every write (the registry itself is tested on the local stack). */
    /** Every account and region answered by one registry. */
    record OneRegistry(GoldenRegistry registry) implements GoldenRegistries {
        @Override
        public <T> T inPipeline(String region, Function<GoldenRegistry, T> work) {
            return work.apply(registry);
        }

        @Override
        public <T> T inAccount(String accountId, String region, String sessionName, Function<GoldenRegistry, T> work) {
            return work.apply(registry);
        }
    }

    static final class NoRegistries implements GoldenRegistries {
        @Override
        public <T> T inPipeline(String region, Function<GoldenRegistry, T> work) {
            return work.apply(new FakeGoldenRegistry());
        }

        @Override
        public <T> T inAccount(String accountId, String region, String sessionName, Function<GoldenRegistry, T> work) {
            return work.apply(new FakeGoldenRegistry());
        }
    }
}
