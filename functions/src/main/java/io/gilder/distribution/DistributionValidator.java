package io.gilder.distribution;

import io.gilder.encryption.EncryptionKeys;
import io.gilder.encryption.EncryptionPolicy;
import io.gilder.error.FieldProblem;
import io.gilder.error.ImageNotDistributableException;
import io.gilder.error.InvalidRequestException;
import io.gilder.error.PublicSharingRefusedException;
import io.gilder.registry.DistributionImage;
import io.gilder.registry.DistributionTarget;
import io.gilder.registry.GilderTags;
import io.gilder.registry.ParameterRegistry;
import io.gilder.registry.RegionalImage;
import io.gilder.registry.RegionalImages;
import io.gilder.registry.RevocationTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Decides whether a distribution may start. Only reads: the region list, the target accounts' standing (the stack's
 * {@link AccountScope}), the version parameter and the image it names, and EC2 block public access in the image's region
 * and every target region; a refused request leaves nothing behind.
 *
 * <p>Encrypted images (and, with {@code ImageEncryption} on, every distribution) are checked here against the stack's
 * {@link EncryptionPolicy}, before anything is copied: every copy region needs its key, and every key must be enabled,
 * customer managed when shared, and grantable by the pipeline ({@code DescribeKey}, {@code GetKeyPolicy}).
 */
public final class DistributionValidator {

    private final RegionCatalog regions;
    private final ParameterRegistry parameters;
    private final RegionalImages images;
    private final String homeRegion;
    private final int pollSeconds;
    private final Function<String, Object> decodeJson;
    private final AccountScope scope;
    private final OrganizationMembers members;
    private final EncryptionPolicy encryption;
    private final EncryptionKeys keys;

    /**
     * @param homeRegion the pipeline's region, where golden images are built and registered
     * @param decodeJson decodes the legacy string form of {@code MetadataJSON} (IllegalArgumentException on bad JSON)
     * @param scope      the accounts that may receive images
     * @param members    the pipeline account's organization, asked only in {@code Organization} scope
     */
    public DistributionValidator(RegionCatalog regions, ParameterRegistry parameters, RegionalImages images, String homeRegion,
            int pollSeconds, Function<String, Object> decodeJson, AccountScope scope, OrganizationMembers members) {
        this(regions, parameters, images, homeRegion, pollSeconds, decodeJson, scope, members, EncryptionPolicy.none(), null);
    }

    /**
     * @param encryption the stack's image encryption
     * @param keys       the pipeline's KMS keys (read only here); null only with no encryption and no encrypted image
     */
    public DistributionValidator(RegionCatalog regions, ParameterRegistry parameters, RegionalImages images, String homeRegion,
            int pollSeconds, Function<String, Object> decodeJson, AccountScope scope, OrganizationMembers members,
            EncryptionPolicy encryption, EncryptionKeys keys) {
        this.encryption = encryption;
        this.keys = keys;
        this.regions = regions;
        this.parameters = parameters;
        this.images = images;
        this.homeRegion = homeRegion;
        this.pollSeconds = pollSeconds;
        this.decodeJson = decodeJson;
        this.scope = scope;
        this.members = members;
    }

    /**
     * @throws InvalidRequestException          a field is malformed, a target account is outside the stack's account scope
     *                                          (each named by its field), or the version is not a registered golden image
     * @throws ImageNotDistributableException   the registered image is gone, not available, revoked or encrypted
     * @throws PublicSharingRefusedException    EC2 block public access is off in the image's region or a target region
     */
    public ValidatedDistribution validate(Object rawRequest) {
        return validate(rawRequest, null);
    }

    /** @param pipelineAccount this account's id (whose principals a key policy must let create grants), or null: the key's account */
    public ValidatedDistribution validate(Object rawRequest, String pipelineAccount) {
        DistributionRequest request = DistributionRequestParser.parse(rawRequest, regions.regionNames(), decodeJson);
        List<FieldProblem> refused = scope.refusals(request.accountFields(), members);
        if (!refused.isEmpty()) {
            throw new InvalidRequestException("Distribution refused: target accounts outside the stack's DistributionAccountScope ("
                    + scope.mode() + ")", refused);
        }
        String imageId = parameters.find(request.parameterName()).orElseThrow(() -> new InvalidRequestException(
                "Invalid distribution request", List.of(new FieldProblem("buildVersion", request.buildVersion() + " of "
                        + request.product().id() + " on " + request.os().id() + " is not a registered golden image: "
                        + request.parameterName() + " does not exist in " + homeRegion))));
        RegionalImage image = images.describe(homeRegion, imageId).orElseThrow(() -> new ImageNotDistributableException(
                request.parameterName() + " names " + imageId + ", which is not an image of this account in " + homeRegion
                        + " (deregistered?)"));
        whyNotDistributable(image).ifPresent(why -> {
            throw new ImageNotDistributableException(imageId + " (" + request.parameterName() + ") " + why);
        });
        requireGoldenSnapshots(image, request);
        requirePublicAccessBlocked(request);
        requireUsableKeys(image, request, pipelineAccount);
        DistributionImage golden = new DistributionImage(imageId, image.name(), request.parameterName(), homeRegion,
                request.product().id(), request.os().id(), request.buildVersion());
        return new ValidatedDistribution(golden, byRegion(request.targets()), byAccount(request.targets()),
                new DistributionSettings(pollSeconds));
    }

    /**
     * Gilder's roles share only snapshots tagged {@code AMI-Type=Golden} (the build tags them at {@code CreateImage}, a
     * distribution at {@code CopyImage}, and nothing may tag one afterwards): a snapshot made by a version that tagged
     * only the image, of the image itself or of a regional copy an earlier distribution made and this one would reuse,
     * would fail the share with AccessDenied halfway through. Every such snapshot is named here, before anything is
     * copied or shared.
     */
    private void requireGoldenSnapshots(RegionalImage image, DistributionRequest request) {
        List<String> problems = new ArrayList<>(untaggedSnapshots(homeRegion, image));
        TreeSet<String> regionNames = new TreeSet<>();
        request.targets().forEach(t -> regionNames.add(t.region()));
        regionNames.remove(homeRegion);
        for (String region : regionNames) {
            images.findByTag(region, DistributionTags.SOURCE_IMAGE, image.imageId()).flatMap(copy -> images.describe(region, copy))
                    .ifPresent(copy -> problems.addAll(untaggedSnapshots(region, copy)));
        }
        if (!problems.isEmpty()) {
            throw new ImageNotDistributableException(image.imageId() + " (" + request.parameterName() + ") has snapshots without the "
                    + GilderTags.AMI_TYPE + "=" + GilderTags.GOLDEN + " tag, which Gilder's roles require to share them: "
                    + String.join(", ", problems) + " (made before snapshots were tagged at CreateImage and CopyImage? Tag them as "
                    + "the README's upgrade step says, then distribute again)");
        }
    }

    /** The snapshots of {@code image} in {@code region} without the Golden tag, each as {@code snap-… of ami-… in <region>}. */
    private List<String> untaggedSnapshots(String region, RegionalImage image) {
        Map<String, Map<String, String>> tags = images.snapshotTags(region, image.snapshotIds());
        return image.snapshotIds().stream()
                .filter(id -> !GilderTags.GOLDEN.equals(tags.getOrDefault(id, Map.of()).get(GilderTags.AMI_TYPE)))
                .map(id -> id + (tags.containsKey(id) ? "" : " (not found)") + " of " + image.imageId() + " in " + region).toList();
    }

    /** Every key the copies and shares need must be usable and grantable: all problems named at once, before anything is copied. */
    private void requireUsableKeys(RegionalImage described, DistributionRequest request, String pipelineAccount) {
        RegionalImage image = images.withSnapshotKey(homeRegion, described);
        String imageKey = image.encrypted() ? (image.kmsKeyId() != null ? image.kmsKeyId() : "alias/aws/ebs") : null;
        if (imageKey == null && encryption.mode() == io.gilder.encryption.ImageEncryption.NONE) {
            return;
        }
        Map<String, List<String>> accountsByRegion = new TreeMap<>();
        byRegion(request.targets()).forEach(r -> accountsByRegion.put(r.region(), r.accounts()));
        if (keys == null) {
            throw new ImageNotDistributableException(image.imageId() + " is encrypted but this pipeline has no KMS access configured");
        }
        List<FieldProblem> problems = encryption.distributionRefusals(homeRegion, imageKey, accountsByRegion, pipelineAccount, keys,
                decodeJson);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Distribution refused before anything was copied or shared: "
                    + (imageKey == null ? "ImageEncryption is " + encryption.mode().parameterValue()
                            : image.imageId() + " is encrypted with " + imageKey) + ", and its keys cannot serve every target", problems);
        }
    }

    /** Block public access for AMIs and snapshots must be on in the image's region and every target region: all are named at once. */
    private void requirePublicAccessBlocked(DistributionRequest request) {
        TreeSet<String> regionNames = new TreeSet<>();
        regionNames.add(homeRegion);
        request.targets().forEach(t -> regionNames.add(t.region()));
        List<String> off = new ArrayList<>();
        for (String region : regionNames) {
            images.publicAccessBlock(region).whyNotBlocked().ifPresent(off::add);
        }
        if (!off.isEmpty()) {
            throw new PublicSharingRefusedException("Distribution refused before anything was copied or shared: EC2 block public "
                    + "access must be on in the pipeline account in the image's region and every target region, so that no copy "
                    + "or snapshot can ever be made public: " + String.join("; ", off));
        }
    }

    static java.util.Optional<String> whyNotDistributable(RegionalImage image) {
        if (!"available".equals(image.state())) {
            return java.util.Optional.of("is '" + image.state() + "', not available");
        }
        String type = image.tags().get(GilderTags.AMI_TYPE);
        if (type != null && !GilderTags.GOLDEN.equals(type)) {
            return java.util.Optional.of("is tagged " + GilderTags.AMI_TYPE + "=" + type + ", not " + GilderTags.GOLDEN);
        }
        String revocation = image.tags().get(RevocationTags.REVOCATION);
        if (revocation != null) {
            return java.util.Optional.of("was revoked (" + revocation + ", " + image.tags().getOrDefault(RevocationTags.AT, "time unknown")
                    + ": " + image.tags().getOrDefault(RevocationTags.REASON, "no reason recorded") + "): a revoked image is not "
                    + "distributed further; build a replacement, or reinstate it by lifting its deprecation and deleting its "
                    + RevocationTags.REVOCATION + "* tags (docs/revocation.md)");
        }
        return java.util.Optional.empty();
    }

    /** Distinct accounts in order, each with its regions in order. */
    static List<AccountTargets> byAccount(List<DistributionTarget> targets) {
        Map<String, TreeSet<String>> regions = new TreeMap<>();
        targets.forEach(t -> regions.computeIfAbsent(t.accountId(), a -> new TreeSet<>()).add(t.region()));
        List<AccountTargets> accounts = new ArrayList<>();
        regions.forEach((account, names) -> accounts.add(new AccountTargets(account, List.copyOf(names))));
        return accounts;
    }

    /** Distinct regions in name order, each with its accounts in order. */
    static List<RegionTargets> byRegion(List<DistributionTarget> targets) {
        Map<String, TreeSet<String>> accounts = new TreeMap<>();
        targets.forEach(t -> accounts.computeIfAbsent(t.region(), r -> new TreeSet<>()).add(t.accountId()));
        List<RegionTargets> regions = new ArrayList<>();
        accounts.forEach((region, ids) -> regions.add(new RegionTargets(region, List.copyOf(ids))));
        return regions;
    }
}
