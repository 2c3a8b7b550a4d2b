package io.gilder.rescan;

import io.gilder.build.FakeImageCatalog;
import io.gilder.build.ImageRecord;
import io.gilder.error.InvalidRequestException;
import io.gilder.registry.DistributionImage;
import io.gilder.registry.DistributionManifest;
import io.gilder.registry.FakeDistributionManifests;
import io.gilder.registry.GoldenParameters;
import io.gilder.registry.ParameterRegistry;
import io.gilder.registry.RegionCopy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** list-active-golden-images' service with in-memory parameters, images and manifests. */
class GoldenImageListingTest {

    static final String WEB_7 = "/GoldenAMI/AmazonLinux-2023/WebServer-1.2/7";
    static final String WEB_6 = "/GoldenAMI/AmazonLinux-2023/WebServer-1.2/6";
    static final String DB_3 = "/GoldenAMI/Ubuntu-24.04/Database-2.0/3";

    final Map<String, String> parameters = new TreeMap<>();
    final FakeDistributionManifests store = FakeDistributionManifests.readOnly();

    final ParameterRegistry registry = name -> Optional.ofNullable(parameters.get(name));

    final ParameterTree tree = new ParameterTree() {
        @Override
        public Map<String, String> findAllUnder(String path) {
            Map<String, String> out = new TreeMap<>();
            parameters.forEach((k, v) -> {
                if (k.startsWith(path + "/")) {
                    out.put(k, v);
                }
            });
            return out;
        }
    };

    final FakeImageCatalog catalog = new FakeImageCatalog();

    final GoldenImageListing listing = new GoldenImageListing(registry, tree, catalog, store, "us-east-1");

    void image(String imageId, String state, Map<String, String> tags) {
        catalog.owned.put(imageId, new ImageRecord(imageId, "name-" + imageId, state, null, tags, List.of()));
    }

    @Test
    void listsActiveAvailableImagesWithIdentityRegionAndTagsAndCountsInactiveVersions() {
        parameters.put(WEB_7, "ami-web7");
        parameters.put(WEB_6, "ami-web6");
        parameters.put(DB_3, "ami-db3");
        parameters.put(GoldenParameters.LATEST, "ami-db3,ami-web7");
        image("ami-web7", "available", Map.of("Product", "WebServer-1.2", "Team", "web"));
        image("ami-db3", "available", Map.of());

        RescanListing out = listing.list(null, false);

        assertThat(out.count()).isEqualTo(2);
        assertThat(out.images()).containsExactly(
                new RescanListing.Item("ami-db3", "us-east-1", "Ubuntu-24.04", "Database-2.0", "3", DB_3, false, Map.of()),
                new RescanListing.Item("ami-web7", "us-east-1", "AmazonLinux-2023", "WebServer-1.2", "7", WEB_7, false,
                        Map.of("Product", "WebServer-1.2", "Team", "web")));
        assertThat(out.inactive()).isEqualTo(1);
        assertThat(out.missing()).isEmpty();
        assertThat(catalog.describeCalls).containsExactly(List.of("ami-db3", "ami-web7"));
    }

    @Test
    void anImageEc2NoLongerHasOrThatIsNotAvailableIsMissingNotListed() {
        parameters.put(WEB_7, "ami-web7");
        parameters.put(DB_3, "ami-db3");
        parameters.put(GoldenParameters.LATEST, "ami-web7,ami-db3,ami-gone");
        image("ami-web7", "available", Map.of());
        image("ami-db3", "deregistered", Map.of());

        RescanListing out = listing.list(null, false);

        assertThat(out.images()).extracting(RescanListing.Item::imageId).containsExactly("ami-web7");
        assertThat(out.missing()).containsExactly(new RescanListing.Missing("ami-db3", "image state is deregistered"),
                new RescanListing.Missing("ami-gone", "not found among this account's images"));
    }

    @Test
    void anUnregisteredImageTakesItsIdentityFromItsTagsElseUnregistered() {
        parameters.put(GoldenParameters.LATEST, "ami-tagged,ami-bare");
        image("ami-tagged", "available", Map.of("OS", "Rhel-9", "Product", "App-1.0", "Version", "4"));
        image("ami-bare", "available", Map.of());

        RescanListing out = listing.list(null, false);

        assertThat(out.images()).containsExactly(
                new RescanListing.Item("ami-tagged", "us-east-1", "Rhel-9", "App-1.0", "4", null, true,
                        Map.of("OS", "Rhel-9", "Product", "App-1.0", "Version", "4")),
                new RescanListing.Item("ami-bare", "us-east-1", "unregistered", "unregistered", "unregistered", null, true, Map.of()));
    }

    @Test
    void aSubsetMustBeActiveAndEveryOtherIdIsNamed() {
        parameters.put(WEB_7, "ami-web7");
        parameters.put(WEB_6, "ami-web6");
        parameters.put(GoldenParameters.LATEST, "ami-web7");
        image("ami-web7", "available", Map.of());

        assertThat(listing.list(List.of("ami-web7"), false).images()).extracting(RescanListing.Item::imageId).containsExactly("ami-web7");
        assertThatThrownBy(() -> listing.list(List.of("ami-web7", "ami-web6", "ami-web7x"), false))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("imageIds names ami-web6, which is not an active golden AMI")
                .hasMessageContaining("ami-web7x")
                .hasMessageNotContaining("names ami-web7,");
    }

    @Test
    void anEmptySubsetIsRefusedRatherThanTakenForEveryImage() {
        parameters.put(WEB_7, "ami-web7");
        parameters.put(GoldenParameters.LATEST, "ami-web7");

        assertThatThrownBy(() -> listing.list(List.of(), false)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.fields()).containsExactly("imageIds"));
        assertThat(catalog.describeCalls).isEmpty();
    }

    @Test
    void noActiveListIsZeroImagesWithoutAskingEc2() {
        parameters.put(WEB_7, "ami-web7");

        RescanListing out = listing.list(null, true);

        assertThat(out.count()).isZero();
        assertThat(out.inactive()).isEqualTo(1);
        assertThat(catalog.describeCalls).isEmpty();
    }

    @Test
    void moreImagesThanOneRunCanCarryAreRefusedBeforeAskingEc2AndASubsetStillRuns() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i <= GoldenImageListing.MAX_IMAGES_PER_RUN; i++) {
            ids.add(String.format("ami-%017x", i));
            parameters.put("/GoldenAMI/AmazonLinux-2023/Web-1.0/" + i, ids.get(i));
        }
        parameters.put(GoldenParameters.LATEST, String.join(",", ids));

        assertThatThrownBy(() -> listing.list(null, false)).isInstanceOf(io.gilder.error.TooManyImagesException.class)
                .hasMessageContaining("201 > 200").hasMessageContaining("imageIds");
        assertThat(catalog.describeCalls).isEmpty();
        image(ids.get(0), "available", Map.of());
        assertThat(listing.list(ids.subList(0, 1), false).count()).isEqualTo(1);
    }

    @Test
    void regionalCopiesComeFromTheManifestsOnlyWhenAskedFor() {
        parameters.put(WEB_7, "ami-web7");
        parameters.put(GoldenParameters.LATEST, "ami-web7");
        image("ami-web7", "available", Map.of());
        DistributionImage source = new DistributionImage("ami-web7", "web7", WEB_7, "us-east-1", "WebServer-1.2", "AmazonLinux-2023", "7");
        store.byKey.put(DistributionManifest.key("AmazonLinux-2023", "WebServer-1.2", "7"), DistributionManifest.of(source,
                List.of(new RegionCopy("us-east-1", "ami-web7", false), new RegionCopy("eu-west-1", "ami-copy1", true)), List.of(), null,
                "arn:exec", "2026-11-20T00:00:00Z"));

        assertThat(listing.list(null, false).notScannedCopies()).isEmpty();
        assertThat(listing.list(null, true).notScannedCopies()).containsExactly(new RescanListing.Copy("ami-copy1", "eu-west-1", "ami-web7"));
    }
}
