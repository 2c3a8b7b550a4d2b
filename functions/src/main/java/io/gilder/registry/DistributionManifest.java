package io.gilder.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a golden image's distributions put where, so that decommission can undo all of it. Kept as
 * one JSON document per image version; each run merges into it and never drops an entry.
 *
 * @param regions          region → the image there (a copy; the golden image itself in {@code sourceRegion})
 * @param supersededCopies copies a region held before a later run recorded another one there (still to be removed)
 * @param accounts         account → regions whose Parameter Store names the image (sorted)
 * @param planned          account → regions any run set out to reach, recorded before it copied or shared anything,
 *                         whether or not it got there: decommission looks there too, so an interrupted run leaks nothing
 * @param serviceCatalog   the version publish-service-catalog-version made, or null when none was published; a later
 *                         run's wins
 * @param executions       executions that contributed, oldest first
 * @param updatedAt        ISO-8601 instant of the last change
 * @param decommissioned   when and by which execution decommission removed what this lists, or null (a later
 *                         distribution clears it: its copies are out there again)
 * @param revoked          the latest revocation of the image (revoke-golden-ami), or null; kept by later runs
 */
public record DistributionManifest(String product, String os, String buildVersion, String parameterName, String sourceImageId,
        String sourceRegion, Map<String, String> regions, List<Copy> supersededCopies, Map<String, List<String>> accounts,
        Map<String, List<String>> planned, CatalogVersion serviceCatalog, List<String> executions, String updatedAt, Decommissioned decommissioned,
        Revocation revoked) {

    /** An image in a region. */
    public record Copy(String region, String imageId) {}

    /** The decommission that removed what the manifest lists: an ISO-8601 instant and the execution ARN. */
    public record Decommissioned(String at, String by) {}

    /**
     * A revocation of the image: its mode ({@code report}, {@code deprecate} or {@code revoke}), why, when (ISO-8601), by
     * which execution, and what triggered it (a rescan execution and its findings; null when started by hand).
     */
    public record Revocation(String mode, String reason, String at, String by, String rescanRun, String findings) {}

    public DistributionManifest {
        regions = sorted(regions);
        supersededCopies = List.copyOf(supersededCopies == null ? List.of() : supersededCopies);
        accounts = sortedRegionsByAccount(accounts);
        planned = sortedRegionsByAccount(planned);
        executions = List.copyOf(executions == null ? List.of() : executions);
    }

    /** Where the manifest of a version lives in the evidence bucket: {@code distributions/<os>/<product>/<version>.json}. */
    public static String key(String os, String product, String buildVersion) {
        return "distributions/" + os + "/" + product + "/" + buildVersion + ".json";
    }

    public String key() {
        return key(os, product, buildVersion);
    }

    /**
     * What one run did.
     *
     * @param copies         the image in each region it reached
     * @param published      the accounts and regions it recorded the image in (successful targets only)
     * @param serviceCatalog the run's Service Catalog version, or null when the run published none
     */
    public static DistributionManifest of(DistributionImage image, Collection<RegionCopy> copies,
            Collection<DistributionTarget> published, CatalogVersion serviceCatalog, String executionArn, String updatedAt) {
        Map<String, String> regions = new TreeMap<>();
        copies.forEach(c -> regions.put(c.region(), c.imageId()));
        return new DistributionManifest(image.product(), image.os(), image.buildVersion(), image.parameterName(), image.imageId(),
                image.sourceRegion(), regions, List.of(), byAccount(published), Map.of(), serviceCatalog,
                executionArn == null ? List.of() : List.of(executionArn), updatedAt, null, null);
    }

    /** What a run sets out to do, recorded before it does anything: the targets it will try. */
    public static DistributionManifest planned(DistributionImage image, Collection<DistributionTarget> targets, String executionArn,
            String updatedAt) {
        return new DistributionManifest(image.product(), image.os(), image.buildVersion(), image.parameterName(), image.imageId(),
                image.sourceRegion(), Map.of(), List.of(), Map.of(), byAccount(targets), null,
                executionArn == null ? List.of() : List.of(executionArn), updatedAt, null, null);
    }

    /** Every account and region a run planned or reached, in account and region order. */
    public List<DistributionTarget> everyTarget() {
        TreeSet<DistributionTarget> all = new TreeSet<>();
        accounts.forEach((account, names) -> names.forEach(region -> all.add(new DistributionTarget(account, region))));
        planned.forEach((account, names) -> names.forEach(region -> all.add(new DistributionTarget(account, region))));
        return List.copyOf(all);
    }

    /** Every region a run planned or reached, sorted. */
    public SortedSet<String> everyRegion() {
        TreeSet<String> all = new TreeSet<>(regions.keySet());
        everyTarget().forEach(t -> all.add(t.region()));
        return Collections.unmodifiableSortedSet(all);
    }

    /** This manifest marked decommissioned; one already marked keeps its first mark. */
    public DistributionManifest decommissionedBy(String executionArn, String at) {
        if (decommissioned != null) {
            return this;
        }
        return new DistributionManifest(product, os, buildVersion, parameterName, sourceImageId, sourceRegion, regions,
                supersededCopies, accounts, planned, serviceCatalog, executions, updatedAt, new Decommissioned(at, executionArn), revoked);
    }

    /** This manifest with {@code revocation} recorded (replacing an earlier one: the latest revocation counts). */
    public DistributionManifest revokedBy(Revocation revocation) {
        return new DistributionManifest(product, os, buildVersion, parameterName, sourceImageId, sourceRegion, regions,
                supersededCopies, accounts, planned, serviceCatalog, executions, updatedAt, decommissioned, revocation);
    }

    /**
     * Every copy of the image in the pipeline account outside {@code sourceRegion}: the current one of each region
     * and the superseded ones, sorted by region.
     */
    public List<Copy> regionalCopies() {
        List<Copy> copies = new ArrayList<>();
        regions.forEach((region, imageId) -> copies.add(new Copy(region, imageId)));
        copies.addAll(supersededCopies);
        return copies.stream().filter(c -> !(c.region().equals(sourceRegion) && c.imageId().equals(sourceImageId)))
                .sorted(java.util.Comparator.comparing(Copy::region).thenComparing(Copy::imageId)).distinct().toList();
    }

    /**
     * This manifest with {@code newer} added: every region, copy, account, region of an account and execution of
     * either stays; where both name a different image for a region, the newer one is current and the older is kept
     * in {@link #supersededCopies}. Identity fields and the Service Catalog version come from {@code newer} where it has
     * them; the result is not marked decommissioned.
     */
    public DistributionManifest mergedWith(DistributionManifest newer) {
        Map<String, String> mergedRegions = new TreeMap<>(regions);
        LinkedHashSet<Copy> superseded = new LinkedHashSet<>(supersededCopies);
        superseded.addAll(newer.supersededCopies);
        newer.regions.forEach((region, imageId) -> {
            String old = mergedRegions.put(region, imageId);
            if (old != null && !old.equals(imageId)) {
                superseded.add(new Copy(region, old));
            }
        });
        superseded.removeIf(c -> c.imageId().equals(mergedRegions.get(c.region())));

        Map<String, List<String>> mergedAccounts = new TreeMap<>();
        accounts.forEach((account, names) -> mergedAccounts.put(account, new ArrayList<>(names)));
        newer.accounts.forEach((account, names) -> mergedAccounts.computeIfAbsent(account, a -> new ArrayList<>()).addAll(names));
        Map<String, List<String>> mergedPlans = new TreeMap<>();
        planned.forEach((account, names) -> mergedPlans.put(account, new ArrayList<>(names)));
        newer.planned.forEach((account, names) -> mergedPlans.computeIfAbsent(account, a -> new ArrayList<>()).addAll(names));

        LinkedHashSet<String> runs = new LinkedHashSet<>(executions);
        runs.addAll(newer.executions);
        return new DistributionManifest(or(newer.product, product), or(newer.os, os), or(newer.buildVersion, buildVersion),
                or(newer.parameterName, parameterName), or(newer.sourceImageId, sourceImageId), or(newer.sourceRegion, sourceRegion),
                mergedRegions, List.copyOf(superseded), mergedAccounts, mergedPlans, or(newer.serviceCatalog, serviceCatalog), List.copyOf(runs),
                or(newer.updatedAt, updatedAt), null, or(newer.revoked, revoked));
    }

    private static <T> T or(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static Map<String, List<String>> byAccount(Collection<DistributionTarget> targets) {
        Map<String, List<String>> accounts = new TreeMap<>();
        targets.forEach(t -> accounts.computeIfAbsent(t.accountId(), a -> new ArrayList<>()).add(t.region()));
        return accounts;
    }

    private static Map<String, List<String>> sortedRegionsByAccount(Map<String, List<String>> map) {
        Map<String, List<String>> sorted = new TreeMap<>();
        (map == null ? Map.<String, List<String>>of() : map)
                .forEach((account, names) -> sorted.put(account, List.copyOf(new TreeSet<>(names))));
        return Collections.unmodifiableMap(sorted);
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        Map<String, String> copy = new TreeMap<>();
        if (map != null) {
            map.forEach((k, v) -> copy.put(k, Objects.requireNonNull(v, () -> "no value for " + k)));
        }
        return Collections.unmodifiableMap(copy);
    }
}
