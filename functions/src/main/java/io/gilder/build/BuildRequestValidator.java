package io.gilder.build;

import io.gilder.error.FieldProblem;
import io.gilder.error.IneligibleSourceImageException;
import io.gilder.error.InvalidRequestException;
import io.gilder.error.VersionAlreadyRegisteredException;
import io.gilder.registry.ParameterRegistry;
import java.util.List;

/**
 * Decides whether a build may start: format first (no calls), then the look-ups, cheapest first.
 * Only reads; a rejected request leaves nothing behind.
 */
public final class BuildRequestValidator {

    private final BuildDefaults defaults;
    private final ImageCatalog images;
    private final InstanceTypeCatalog instanceTypes;
    private final ParameterRegistry parameters;
    private final ScannerSetup scanners;

    private final java.time.Clock clock;

    public BuildRequestValidator(BuildDefaults defaults, ImageCatalog images, InstanceTypeCatalog instanceTypes,
            ParameterRegistry parameters, ScannerSetup scanners) {
        this(defaults, images, instanceTypes, parameters, scanners, java.time.Clock.systemUTC());
    }

    /** @param clock the day finding exceptions are checked on */
    public BuildRequestValidator(BuildDefaults defaults, ImageCatalog images, InstanceTypeCatalog instanceTypes,
            ParameterRegistry parameters, ScannerSetup scanners, java.time.Clock clock) {
        this.clock = clock;
        this.defaults = defaults;
        this.images = images;
        this.instanceTypes = instanceTypes;
        this.parameters = parameters;
        this.scanners = scanners;
    }

    private io.gilder.encryption.BuildEncryptionCheck encryption;

    /** Refuse, before anything is created, a build whose image could not be distributed for its key (issue 16). */
    public BuildRequestValidator withEncryptionCheck(io.gilder.encryption.BuildEncryptionCheck check) {
        this.encryption = check;
        return this;
    }

    /**
     * @throws InvalidRequestException            a field is malformed, names an unknown instance type, or names a
     *                                            scanner this stack is not set up for
     * @throws IneligibleSourceImageException      the source AMI is unknown or cannot be captured
     * @throws VersionAlreadyRegisteredException   the product/OS/version is already a golden image
     */
    public ValidatedBuild validate(Object rawRequest) {
        return validate(rawRequest, null);
    }

    /**
     * @param pipelineAccount this account's id (what {@code self} in {@code TrustedImageOwners} means), or null when unknown
     */
    public ValidatedBuild validate(Object rawRequest, String pipelineAccount) {
        BuildRequest request = BuildRequestParser.parse(rawRequest, defaults, java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC)));

        scanners.missingSettings(request.scanner()).ifPresent(missing -> {
            throw new InvalidRequestException("Invalid build request", List.of(new FieldProblem("scanner",
                    "is " + request.scanner() + ", which this stack is not set up to use: " + missing
                            + "; set it (sam deploy --parameter-overrides) or choose another scanner")));
        });

        if (!instanceTypes.exists(request.instanceType())) {
            throw new InvalidRequestException("Invalid build request", List.of(new FieldProblem("instanceType",
                    "names an instance type EC2 does not offer in this region: " + request.instanceType())));
        }

        if (encryption != null) {
            List<FieldProblem> keyProblems = encryption.refusals();
            if (!keyProblems.isEmpty()) {
                throw new InvalidRequestException("Build refused before anything was created: its image could not be distributed "
                        + "with the stack's image encryption", keyProblems);
            }
        }

        parameters.find(request.parameterName()).ifPresent(existing -> {
            throw new VersionAlreadyRegisteredException("buildVersion " + request.buildVersion() + " of "
                    + request.product().id() + " on " + request.os().id() + " is already registered as "
                    + existing + " (" + request.parameterName() + "); choose a new buildVersion");
        });

        ImageFacts source = images.find(request.sourceAmiId()).orElseThrow(() -> new IneligibleSourceImageException(
                "sourceAmiId " + request.sourceAmiId() + " was not found: it does not exist in this region or is not shared with this account"));
        SourceImageRules.whyIneligible(source)
                .or(() -> SourceImageRules.whyUntrusted(source, defaults.trustedImageOwners(), pipelineAccount))
                .ifPresent(why -> {
                    throw new IneligibleSourceImageException("sourceAmiId " + request.sourceAmiId() + " " + why);
                });
        return new ValidatedBuild(request, source, BuildSettings.of(request, defaults));
    }
}
