package io.gilder.distribution;

import io.gilder.registry.FakeRegionalImages;
import io.gilder.registry.GilderTags;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** Finding a golden image's copy in another region: by its source tag only. */
class RegionalCopiesTest {

    final FakeRegionalImages images = new FakeRegionalImages();
    final String source = images.add("us-east-1", "gilder/WebServer-1.2/AmazonLinux-2023/7", "available", false,
            Map.of(GilderTags.AMI_TYPE, GilderTags.GOLDEN));

    @Test
    void aTaggedCopyIsFoundByItsSourceTag() {
        String copy = images.add("eu-west-1", "some other name", "available", false, Map.of(DistributionTags.SOURCE_IMAGE, source));

        assertThat(RegionalCopies.find(images, "us-east-1", source, "eu-west-1")).contains(copy);
    }

    @Test
    void anImageWithTheSourcesNameButNotItsTagIsNotTakenForTheCopy() {
        images.add("eu-west-1", "gilder/WebServer-1.2/AmazonLinux-2023/7", "available", false, Map.of());
        images.add("eu-west-1", "gilder/WebServer-1.2/AmazonLinux-2023/7 (2)", "available", false,
                Map.of(DistributionTags.SOURCE_IMAGE, "ami-someone-else"));

        assertThat(RegionalCopies.find(images, "us-east-1", source, "eu-west-1")).isEmpty();
        assertThat(RegionalCopies.find(images, "us-east-1", source, "ap-south-1")).isEmpty();
    }
}
