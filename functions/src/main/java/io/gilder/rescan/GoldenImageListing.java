package io.gilder.rescan;

import io.gilder.build.ImageCatalog;
import io.gilder.build.ImageRecord;
import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import io.gilder.error.TooManyImagesException;
import io.gilder.registry.DistributionManifest;
import io.gilder.registry.DistributionManifests;
import io.gilder.registry.GilderTags;
import io.gilder.registry.GoldenParameters;
import io.gilder.registry.ParameterRegistry;
import io.gilder.scan.RescanTarget;
import io.gilder.scan.ScanSubject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Lists the active golden AMIs of the pipeline account and region for a rescan: the {@code /GoldenAMI} parameters
 * and {@code /GoldenAMI/latest} decide what is active ({@link ActiveGoldenImages}), EC2 says whether each image
 * still exists and gives its tags.
 */
public class GoldenImageListing {

    /**
     * Images one run may hold: its state carries the listing (≈ 400 bytes an image) and the results (≈ 500) after
     * the Map, and must stay under 256 KiB; 200 leaves room for long failure causes.
     */
    public static final int MAX_IMAGES_PER_RUN = 200;

    private static final String AVAILABLE = "available";

    private final ParameterRegistry parameters;
    private final ParameterTree tree;
    private final ImageCatalog images;
    private final DistributionManifests manifests;
    private final String region;

    public GoldenImageListing(ParameterRegistry parameters, ParameterTree tree, ImageCatalog images, DistributionManifests manifests,
            String region) {
        this.parameters = parameters;
        this.tree = tree;
        this.images = images;
        this.manifests = manifests;
        this.region = region;
    }

    /**
     * @param requested            ids to rescan instead of every active image ({@code null}: all; empty is refused); each must be active
     * @param includeRegionalCopies list the copies the distribution manifests record, as not scanned
     * @throws InvalidRequestException naming every requested id that is not active
     * @throws TooManyImagesException  more than {@link #MAX_IMAGES_PER_RUN} images would be rescanned
     */
    public RescanListing list(Collection<String> requested, boolean includeRegionalCopies) {
        Map<String, String> all = tree.findAllUnder(GoldenParameters.ROOT);
        ActiveGoldenImages active = ActiveGoldenImages.of(all, parameters.find(GoldenParameters.LATEST).orElse(null));
        List<RescanTarget> targets = selected(active.targets(), requested);
        if (targets.size() > MAX_IMAGES_PER_RUN) {
            throw new TooManyImagesException("too many active golden AMIs for one rescan run: " + targets.size() + " > "
                    + MAX_IMAGES_PER_RUN + " (the run's state would pass Step Functions' 256 KiB limit); rescan them in parts with "
                    + "{\"imageIds\": [...]} until runs read the list from S3 (docs/rescan-golden-amis.md, Sizes)");
        }
        Map<String, ImageRecord> owned = targets.isEmpty() ? Map.of()
                : images.ownedImages(targets.stream().map(RescanTarget::imageId).toList()).stream()
                        .collect(Collectors.toMap(ImageRecord::imageId, Function.identity(), (a, b) -> a));
        List<RescanListing.Item> items = new ArrayList<>();
        List<RescanListing.Missing> missing = new ArrayList<>();
        for (RescanTarget target : targets) {
            ImageRecord image = owned.get(target.imageId());
            if (image == null) {
                missing.add(new RescanListing.Missing(target.imageId(), "not found among this account's images"));
            } else if (!AVAILABLE.equals(image.state())) {
                missing.add(new RescanListing.Missing(target.imageId(), "image state is " + image.state()));
            } else {
                items.add(item(target, image.tags()));
            }
        }
        List<RescanListing.Copy> copies = includeRegionalCopies ? copies(items) : List.of();
        return new RescanListing(items, active.inactive(), missing, copies);
    }

    private static List<RescanTarget> selected(List<RescanTarget> active, Collection<String> requested) {
        if (requested == null) {
            return active;
        }
        if (requested.isEmpty()) {
            throw new InvalidRequestException("Rescan request", List.of(new FieldProblem("imageIds",
                    "is empty: name at least one active golden AMI, or leave imageIds out to rescan every one")));
        }
        List<String> activeIds = active.stream().map(RescanTarget::imageId).toList();
        List<FieldProblem> problems = requested.stream().filter(id -> !activeIds.contains(id)).distinct()
                .map(id -> new FieldProblem("imageIds", "names " + id + ", which is not an active golden AMI (not on "
                        + GoldenParameters.LATEST + ")"))
                .toList();
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Rescan request", problems);
        }
        return active.stream().filter(t -> requested.contains(t.imageId())).toList();
    }

    private RescanListing.Item item(RescanTarget target, Map<String, String> tags) {
        return new RescanListing.Item(target.imageId(), region, identity(target.os(), tags.get(GilderTags.OS)),
                identity(target.product(), tags.get(GilderTags.PRODUCT)), identity(target.version(), tags.get(GilderTags.VERSION)),
                target.parameterName(), target.unregistered(), tags);
    }

    /** The registered value, else the tag, else {@link ScanSubject#UNREGISTERED} (as {@link ScanSubject#forRescan} does). */
    private static String identity(String registered, String tagged) {
        if (registered != null) {
            return registered;
        }
        return tagged == null || tagged.isBlank() ? ScanSubject.UNREGISTERED : tagged;
    }

    private List<RescanListing.Copy> copies(List<RescanListing.Item> items) {
        List<RescanListing.Copy> out = new ArrayList<>();
        for (RescanListing.Item item : items) {
            if (item.unregistered()) {
                continue;
            }
            manifests.read(DistributionManifest.key(item.os(), item.product(), item.version())).ifPresent(m -> m.regionalCopies()
                    .forEach(c -> out.add(new RescanListing.Copy(c.imageId(), c.region(), item.imageId()))));
        }
        return out;
    }
}
