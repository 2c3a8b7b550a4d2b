package io.gilder.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shared fake of {@link RegionalImages} (where fakes live: {@code io.gilder.testing}'s package-info): EC2 images
 * of one account in many regions, in memory, with their tags and launch and volume permissions; copies and grants
 * recorded; block public access on everywhere unless a test turns it off. A copy and its snapshot carry the copy's tags from
 * CopyImage on, as in EC2.
 */
public final class FakeRegionalImages implements RegionalImages {

    public final Map<String, RegionalImage> byId = new LinkedHashMap<>();
    public final Map<String, String> regionOf = new HashMap<>();
    public final Map<String, Map<String, String>> tags = new HashMap<>();
    public final Map<String, Set<String>> launch = new HashMap<>();
    public final Map<String, Set<String>> volumes = new HashMap<>();
    public final List<String> copyTokens = new ArrayList<>();
    /** Every CreateTags call: region and resources. */
    public final List<String> tagCalls = new ArrayList<>();
    public final List<String> grants = new ArrayList<>();
    public final Map<String, String> keyOf = new HashMap<>();

    public String add(String region, String name, String state, boolean encrypted, Map<String, String> imageTags) {
        String id = "ami-" + (byId.size() + 1);
        byId.put(id, new RegionalImage(id, name, state, null, encrypted, Map.of(), List.of("snap-" + id)));
        regionOf.put(id, region);
        tags.put(id, new HashMap<>(imageTags));
        launch.put(id, new TreeSet<>());
        volumes.put("snap-" + id, new TreeSet<>());
        tags.put("snap-" + id, new HashMap<>(imageTags)); // tagged with the image at CreateImage or CopyImage, as Gilder does
        return id;
    }

    /** As EC2's DescribeImages: whether the image is encrypted, never its key (that is its snapshots', {@link #snapshotKey}). */
    @Override
    public Optional<RegionalImage> describe(String region, String imageId) {
        return Optional.ofNullable(byId.get(imageId)).filter(i -> region.equals(regionOf.get(imageId)))
                .map(i -> new RegionalImage(i.imageId(), i.name(), i.state(), null, i.encrypted(), tags.get(imageId), i.snapshotIds()));
    }

    public final List<String> snapshotKeyReads = new ArrayList<>();

    @Override
    public Optional<String> snapshotKey(String region, List<String> snapshotIds) {
        snapshotKeyReads.add(region + " " + snapshotIds);
        return snapshotIds.stream().map(s -> s.substring("snap-".length())).filter(id -> region.equals(regionOf.get(id)))
                .map(keyOf::get).filter(java.util.Objects::nonNull).findFirst();
    }

    @Override
    public Map<String, Map<String, String>> snapshotTags(String region, List<String> snapshotIds) {
        Map<String, Map<String, String>> found = new LinkedHashMap<>();
        snapshotIds.stream().filter(s -> s.startsWith("snap-") && region.equals(regionOf.get(s.substring("snap-".length()))))
                .forEach(s -> found.put(s, Map.copyOf(tags.getOrDefault(s, Map.of()))));
        return found;
    }

    @Override
    public Optional<String> findByTag(String region, String key, String value) {
        return byId.keySet().stream().filter(id -> region.equals(regionOf.get(id)) && value.equals(tags.get(id).get(key))).findFirst();
    }

    @Override
    public String copy(String region, String sourceRegion, String sourceImageId, String name, String description, String token,
            Map<String, String> imageTags) {
        copyTokens.add(token);
        return tagAtCopy(add(uniquelyNamed(region, name), name, "pending", false, imageTags), imageTags);
    }

    /** As EC2: an AMI name is unique per account and region, so CopyImage refuses a taken one. */
    private String uniquelyNamed(String region, String name) {
        byId.values().stream().filter(i -> region.equals(regionOf.get(i.imageId())) && name.equals(i.name())).findFirst()
                .ifPresent(taken -> {
                    throw new io.gilder.error.AwsCallFailedException("ec2:CopyImage failed with InvalidAMIName.Duplicate: AMI name "
                            + name + " is already in use by AMI " + taken.imageId(), null);
                });
        return region;
    }

    @Override
    public String copy(String region, String sourceRegion, String sourceImageId, String name, String description, String token,
            Map<String, String> imageTags, String kmsKeyId) {
        if (kmsKeyId == null) {
            return copy(region, sourceRegion, sourceImageId, name, description, token, imageTags);
        }
        copyTokens.add(token);
        String id = tagAtCopy(add(uniquelyNamed(region, name), name, "pending", true, imageTags), imageTags);
        keyOf.put(id, kmsKeyId);
        return id;
    }

    /** The tags each CopyImage asked for, by the copy's id (given to the copy and its snapshot). */
    public final Map<String, Map<String, String>> tagsAtCopy = new HashMap<>();

    private String tagAtCopy(String id, Map<String, String> imageTags) {
        tagsAtCopy.put(id, Map.copyOf(imageTags));
        tags.put("snap-" + id, new HashMap<>(imageTags));
        return id;
    }

    /** An encrypted image of {@code key}. */
    public String addEncrypted(String region, String name, String key, Map<String, String> imageTags) {
        String id = add(region, name, "available", true, imageTags);
        keyOf.put(id, key);
        return id;
    }

    @Override
    public void tag(String region, Collection<String> ids, Map<String, String> newTags) {
        tagCalls.add(region + " " + ids);
        ids.forEach(id -> tags.computeIfAbsent(id, k -> new HashMap<>()).putAll(newTags));
    }

    @Override
    public Set<String> launchPermissions(String region, String imageId) {
        return Set.copyOf(launch.get(imageId));
    }

    @Override
    public void grantLaunch(String region, String imageId, Collection<String> accounts) {
        if (!accounts.isEmpty()) {
            grants.add("launch " + imageId + " " + accounts);
            launch.get(imageId).addAll(accounts);
        }
    }

    @Override
    public Set<String> volumePermissions(String region, String snapshotId) {
        return Set.copyOf(volumes.get(snapshotId));
    }

    @Override
    public void grantVolumes(String region, String snapshotId, Collection<String> accounts) {
        if (!accounts.isEmpty()) {
            grants.add("volumes " + snapshotId + " " + accounts);
            volumes.get(snapshotId).addAll(accounts);
        }
    }

    /** Regions whose block public access for AMIs ({@code images}) or snapshots ({@code snapshots}) a test turned off. */
    public final Set<String> imagesUnblockedIn = new TreeSet<>();
    public final Set<String> snapshotsUnblockedIn = new TreeSet<>();
    public final List<String> publicAccessChecks = new ArrayList<>();

    @Override
    public PublicAccessBlock publicAccessBlock(String region) {
        publicAccessChecks.add(region);
        return new PublicAccessBlock(region, imagesUnblockedIn.contains(region) ? "unblocked" : "block-new-sharing",
                snapshotsUnblockedIn.contains(region) ? "unblocked" : "block-all-sharing");
    }

    @Override
    public RetiredImage retire(String region, String imageId) {
        throw new AssertionError("no test of this fake retires an image");
    }
}
