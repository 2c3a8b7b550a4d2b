package io.gilder.aws;

import io.gilder.revocation.ImageDeprecation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** {@link ImageDeprecation} on EC2 ({@code DescribeImages} owner self, {@code EnableImageDeprecation}), one client per region. */
@ApplicationScoped
public class Ec2ImageDeprecation implements ImageDeprecation {

    private final Function<String, Ec2Client> ec2;

    @Inject
    Ec2ImageDeprecation(RegionalAwsClients clients) {
        this(clients::ec2);
    }

    /** @param ec2 the pipeline account's EC2 client of a region */
    public Ec2ImageDeprecation(Function<String, Ec2Client> ec2) {
        this.ec2 = ec2;
    }

    @Override
    public Optional<State> state(String region, String imageId) {
        return AwsCall.run("ec2:DescribeImages", () -> {
            try {
                // Deprecated images are listed when asked for by id; deregistered ones do not count.
                return ec2.apply(region).describeImages(r -> r.owners("self").imageIds(imageId).includeDeprecated(true)).images().stream()
                        .filter(i -> imageId.equals(i.imageId()) && !"deregistered".equals(i.stateAsString())).findFirst()
                        .map(i -> new State(i.imageId(), i.deprecationTime() == null || i.deprecationTime().isBlank() ? null
                                : Instant.parse(i.deprecationTime())));
            } catch (Ec2Exception e) {
                if (AwsCall.errorCode(e).startsWith("InvalidAMIID.")) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public void deprecate(String region, String imageId, Instant at) {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        AwsCall.run("ec2:EnableImageDeprecation", () -> ec2.apply(region).enableImageDeprecation(r -> r.imageId(imageId).deprecateAt(minute)));
    }
}
