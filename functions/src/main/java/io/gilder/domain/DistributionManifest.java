package io.gilder.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a golden image's distributions put where, so that decommission can undo all of it. Kept as
 * one JSON document per image version; each run merges into it and never drops an entry.
 *
 * @param regions          region → the image there (a copy; the golden image itself in {@code sourceRegion})
 * @param supersededCopies copies a region held before a later run recorded another one there (still to be removed)
 * @param accounts         account → regions whose Parameter Store names the image (sorted)
 * @param serviceCatalog   Service Catalog ids (product, provisioning artifact, portfolio, ...); later values win
 * @param executions       executions that contributed, oldest first
 * @param updatedAt        ISO-8601 instant of the last change
 */
public record DistributionManifest(String product, String os, String buildVersion, String parameterName, String sourceImageId,
        String sourceRegion, Map<String, String> regions, List<Copy> supersededCopies, Map<String, List<String>> accounts,
        Map<String, String> serviceCatalog, List<String> executions, String updatedAt) {

    /** An image in a region. */
    public record Copy(String region, String imageId) {}

    public DistributionManifest {
        regions = sorted(regions);
        supersededCopies = List.copyOf(supersededCopies == null ? List.of() : supersededCopies);
        Map<String, List<String>> byAccount = new TreeMap<>();
        (accounts == null ? Map.<String, List<String>>of() : accounts)
                .forEach((account, names) -> byAccount.put(account, List.copyOf(new TreeSet<>(names))));
        accounts = Collections.unmodifiableMap(byAccount);
        serviceCatalog = sorted(serviceCatalog);
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
     * @param serviceCatalog Service Catalog ids, or null when the run published none
     */
    public static DistributionManifest of(DistributionImage image, Collection<RegionCopy> copies,
            Collection<DistributionTarget> published, Map<String, String> serviceCatalog, String executionArn, String updatedAt) {
        Map<String, String> regions = new TreeMap<>();
        copies.forEach(c -> regions.put(c.region(), c.imageId()));
        Map<String, List<String>> accounts = new TreeMap<>();
        published.forEach(t -> accounts.computeIfAbsent(t.accountId(), a -> new ArrayList<>()).add(t.region()));
        return new DistributionManifest(image.product(), image.os(), image.buildVersion(), image.parameterName(), image.imageId(),
                image.sourceRegion(), regions, List.of(), accounts, serviceCatalog,
                executionArn == null ? List.of() : List.of(executionArn), updatedAt);
    }

    /**
     * This manifest with {@code newer} added: every region, copy, account, region of an account and execution of
     * either stays; where both name a different image for a region, the newer one is current and the older is kept
     * in {@link #supersededCopies}. Identity fields and Service Catalog ids come from {@code newer} where it has them.
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

        Map<String, String> catalog = new TreeMap<>(serviceCatalog);
        catalog.putAll(newer.serviceCatalog);
        LinkedHashSet<String> runs = new LinkedHashSet<>(executions);
        runs.addAll(newer.executions);
        return new DistributionManifest(or(newer.product, product), or(newer.os, os), or(newer.buildVersion, buildVersion),
                or(newer.parameterName, parameterName), or(newer.sourceImageId, sourceImageId), or(newer.sourceRegion, sourceRegion),
                mergedRegions, List.copyOf(superseded), mergedAccounts, catalog, List.copyOf(runs), or(newer.updatedAt, updatedAt));
    }

    private static <T> T or(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        Map<String, String> copy = new TreeMap<>();
        if (map != null) {
            map.forEach((k, v) -> copy.put(k, Objects.requireNonNull(v, () -> "no value for " + k)));
        }
        return Collections.unmodifiableMap(copy);
    }
}
