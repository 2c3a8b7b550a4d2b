package io.gilder.config;

import io.gilder.aws.Ec2ExecutionResources;
import io.gilder.aws.Ec2ImageFactory;
import io.gilder.aws.SsmGoldenRegistry;
import io.gilder.build.CandidateImages;
import io.gilder.build.GoldenImageRegistrar;
import io.gilder.build.ImageFactory;
import io.gilder.build.cleanup.CandidateDiscard;
import io.gilder.build.cleanup.ExecutionResources;
import io.gilder.registry.GoldenRegistry;
import io.gilder.registry.Notifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Builds the image lifecycle's adapters (EC2 images, execution cleanup, SSM registry) and services. */
@ApplicationScoped
public class ImageAdapters {

    /**
     * How long a claim on {@code /GoldenAMI/latest} lasts. An update takes a few calls; a lock left by a
     * crashed writer blocks others this long at most (the state machine retries RegistryBusyException for longer).
     */

    @Produces
    @ApplicationScoped
    ImageFactory imageFactory(Ec2Client ec2) {
        return new Ec2ImageFactory(ec2);
    }

    @Produces
    @ApplicationScoped
    ExecutionResources executionResources(Ec2Client ec2) {
        return new Ec2ExecutionResources(ec2);
    }

    @Produces
    @ApplicationScoped
    GoldenRegistry goldenRegistry(SsmClient ssm, GilderConfig config) {
        return new SsmGoldenRegistry(ssm, Clock.systemUTC(), config.registry().lease());
    }

    @Produces
    @ApplicationScoped
    CandidateImages candidateImages(ImageFactory images, GilderConfig config) {
        return new CandidateImages(images, config.waits().imageAvailableAttempts());
    }

    @Produces
    @ApplicationScoped
    GoldenImageRegistrar goldenImageRegistrar(ImageFactory images, GoldenRegistry registry, Notifier notifier) {
        return new GoldenImageRegistrar(images, registry, notifier);
    }

    @Produces
    @ApplicationScoped
    CandidateDiscard candidateDiscard(ExecutionResources resources, ImageFactory images, GoldenRegistry registry,
            Notifier notifier) {
        return new CandidateDiscard(resources, images, registry, notifier);
    }
}
