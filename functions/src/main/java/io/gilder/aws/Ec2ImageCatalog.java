package io.gilder.aws;

import io.gilder.domain.ImageFacts;
import io.gilder.port.ImageCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Image;

@ApplicationScoped
public class Ec2ImageCatalog implements ImageCatalog {

    private final Ec2Client ec2;

    Ec2ImageCatalog(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public Optional<ImageFacts> find(String imageId) {
        return AwsCall.run("ec2:DescribeImages", () -> {
            try {
                return ec2.describeImages(r -> r.imageIds(imageId)).images().stream()
                        .filter(image -> imageId.equals(image.imageId()))
                        .findFirst()
                        .map(Ec2ImageCatalog::facts);
            } catch (Ec2Exception e) {
                if (AwsCall.errorCode(e).startsWith("InvalidAMIID.")) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    private static ImageFacts facts(Image image) {
        return new ImageFacts(image.imageId(), image.name(), image.stateAsString(), image.rootDeviceTypeAsString(),
                image.platformAsString(), image.architectureAsString(), image.rootDeviceName());
    }
}
