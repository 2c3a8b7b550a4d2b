package io.gilder.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a distribution recorded about one build, read tolerantly from its decoded JSON manifest
 * ({@code {image:{imageId, parameterName, sourceRegion}, regions:{region: copyId}, accounts:{accountId:[region]},
 * serviceCatalog:{productId, provisioningArtifactId, portfolioIds}}}): missing parts are empty; unknown fields are
 * ignored; a region's copy may also be {@code {imageId}}, an account's regions a comma-separated string (the old
 * samples' form), and either map a list of {@code {region, imageId}} / {@code {accountId, regions}} objects.
 *
 * @param regions copies in regions other than the source region, sorted by region
 * @param accounts child account and region pairs with the id their parameter should hold (the region's copy,
 *                 else the source image), sorted
 */
public record DistributionRecord(String imageId, String parameterName, String sourceRegion, List<DecommissionPlan.RegionalCopy> regions,
        List<DecommissionPlan.ChildTarget> accounts, DecommissionPlan.CatalogEntry serviceCatalog) {

    /** Reads a decoded manifest; a non-object gives an empty record. */
    public static DistributionRecord read(Object manifest) {
        Map<?, ?> root = object(manifest);
        Map<?, ?> image = object(root.get("image"));
        String imageId = text(image.get("imageId"));
        String sourceRegion = text(image.get("sourceRegion"));
        Map<String, String> copies = copies(root.get("regions"));
        List<DecommissionPlan.RegionalCopy> regions = new ArrayList<>();
        copies.forEach((region, copy) -> {
            if (!region.equals(sourceRegion) && copy != null) {
                regions.add(new DecommissionPlan.RegionalCopy(region, copy));
            }
        });
        List<DecommissionPlan.ChildTarget> accounts = new ArrayList<>();
        targets(root.get("accounts")).forEach((account, accountRegions) -> accountRegions.forEach(region -> accounts.add(
                new DecommissionPlan.ChildTarget(account, region, copies.getOrDefault(region, imageId)))));
        return new DistributionRecord(imageId, text(image.get("parameterName")), sourceRegion, regions, accounts,
                catalog(root.get("serviceCatalog")));
    }

    private static Map<String, String> copies(Object regions) {
        Map<String, String> copies = new TreeMap<>();
        if (regions instanceof Map<?, ?> map) {
            map.forEach((region, copy) -> copies.put(String.valueOf(region),
                    copy instanceof Map<?, ?> c ? text(c.get("imageId")) : text(copy)));
        } else if (regions instanceof List<?> list) {
            list.forEach(item -> {
                Map<?, ?> copy = object(item);
                if (text(copy.get("region")) != null) {
                    copies.put(text(copy.get("region")), text(copy.get("imageId")));
                }
            });
        }
        return copies;
    }

    private static Map<String, List<String>> targets(Object accounts) {
        Map<String, List<String>> targets = new TreeMap<>();
        if (accounts instanceof Map<?, ?> map) {
            map.forEach((account, regions) -> targets.put(String.valueOf(account), strings(regions)));
        } else if (accounts instanceof List<?> list) {
            list.forEach(item -> {
                Map<?, ?> target = object(item);
                if (text(target.get("accountId")) != null) {
                    targets.computeIfAbsent(text(target.get("accountId")), a -> new ArrayList<>()).addAll(strings(target.get("regions")));
                }
            });
        }
        targets.replaceAll((account, regions) -> regions.stream().distinct().sorted().toList());
        return targets;
    }

    private static DecommissionPlan.CatalogEntry catalog(Object value) {
        Map<?, ?> catalog = object(value);
        String productId = text(catalog.get("productId"));
        if (productId == null) {
            return null;
        }
        List<String> portfolios = new ArrayList<>(strings(catalog.get("portfolioIds")));
        if (text(catalog.get("portfolioId")) != null && !portfolios.contains(text(catalog.get("portfolioId")))) {
            portfolios.add(text(catalog.get("portfolioId")));
        }
        return new DecommissionPlan.CatalogEntry(productId, text(catalog.get("provisioningArtifactId")), portfolios);
    }

    private static List<String> strings(Object value) {
        Collection<?> items = value instanceof Collection<?> c ? c
                : value instanceof String s ? List.of(s.split(",")) : List.of();
        return items.stream().map(DistributionRecord::text).filter(s -> s != null).toList();
    }

    private static Map<?, ?> object(Object value) {
        return value instanceof Map<?, ?> map ? map : new LinkedHashMap<>();
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s.trim() : null;
    }
}
