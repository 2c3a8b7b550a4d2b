package io.gilder.distribution;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.flow.FailureReason;
import io.gilder.registry.CatalogVersion;
import io.gilder.registry.DistributionImage;
import io.gilder.registry.DistributionManifest;
import io.gilder.registry.RegionCopy;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * "Record Distribution": merges what this run put where into the version's manifest
 * ({@code distributions/<os>/<product>/<version>.json} in the evidence bucket), then fails with
 * {@code DistributionIncompleteException} naming every failed region, target and the Service Catalog
 * version if it failed (after recording, so decommission can still undo what succeeded).
 */
@Named("record-distribution")
public class RecordDistributionHandler implements RequestHandler<RecordDistributionHandler.Input, RecordDistributionHandler.Output> {

    /**
     * @param accounts       the validated targets, each account with its regions
     * @param regions        one per region: the copy ({@code region, imageId, copied}) or what the Map's Catch recorded
     * @param published      the Distributed Map's result: one entry per account (its child execution's per-region
     *                       results, or the error that ended it), or the error that ended the whole Map Run
     * @param serviceCatalog publish-service-catalog-version's output, or {@code {error}} when it failed
     */
    public record Input(String executionArn, DistributionImage image, List<AccountTargets> accounts, List<Region> regions,
            Published published, Catalog serviceCatalog) {}

    /** The accounts' outcomes, or {@code error} when the Map Run failed as a whole (then {@code accounts} is empty). */
    public record Published(List<Account> accounts, FailureReason.Failure error) {}

    /** A region's outcome: the copy, or {@code error} (then {@code imageId} is null). */
    public record Region(String region, String imageId, boolean copied, FailureReason.Failure error) {}

    /** An account's outcome: one target per region, from its child execution. */
    public record Account(String accountId, List<Target> targets) {}

    /** A target's outcome; {@code error} ({@code {Error, Cause}}) is null when it succeeded. */
    public record Target(String accountId, String region, FailureReason.Failure error) {}

    /** The Service Catalog step's outcome: the version, or {@code error}. */
    public record Catalog(String productId, String provisioningArtifactId, String templateKey, String portfolioId,
            FailureReason.Failure error) {}

    public record Output(DistributionManifest manifest) {}

    private final DistributionRecorder recorder;

    RecordDistributionHandler(DistributionRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public Output handleRequest(Input input, Context context) {
        List<Region> regions = orEmpty(input.regions());
        Map<String, String> failedRegions = regions.stream().filter(r -> r.error() != null)
                .collect(Collectors.toMap(Region::region, r -> FailureReason.describe(r.error()), (a, b) -> a));
        List<String> problems = new ArrayList<>();
        failedRegions.forEach((region, why) -> problems.add("region " + region + " (" + why + ")"));
        Published published = input.published() == null ? new Published(List.of(), null) : input.published();
        if (published.error() != null) {
            problems.add("publishing to accounts (" + FailureReason.describe(published.error()) + ")");
        }
        Catalog catalog = input.serviceCatalog();
        if (catalog != null && catalog.error() != null) {
            problems.add("Service Catalog version (" + FailureReason.describe(catalog.error()) + ")");
        }
        List<RegionCopy> copies = regions.stream().filter(r -> r.error() == null && r.imageId() != null)
                .map(r -> new RegionCopy(r.region(), r.imageId(), r.copied())).toList();
        return new Output(recorder.record(input.executionArn(), input.image(), copies, outcomes(input.accounts(), published, failedRegions), problems,
                catalog == null || catalog.error() != null ? null
                        : new CatalogVersion(catalog.productId(), catalog.provisioningArtifactId(), catalog.templateKey(),
                                catalog.portfolioId())));
    }

    /** Every planned target: its own result, else its account's or region's failure. */
    private static List<TargetOutcome> outcomes(List<AccountTargets> accounts, Published published, Map<String, String> failedRegions) {
        List<TargetOutcome> outcomes = new ArrayList<>();
        Map<String, Account> byAccount = orEmpty(published.accounts()).stream()
                .collect(Collectors.toMap(Account::accountId, a -> a, (a, b) -> a));
        for (AccountTargets planned : orEmpty(accounts)) {
            Account account = byAccount.get(planned.accountId());
            for (String region : planned.regions()) {
                outcomes.add(new TargetOutcome(planned.accountId(), region, why(account, region, failedRegions)));
            }
        }
        return outcomes;
    }

    private static String why(Account account, String region, Map<String, String> failedRegions) {
        if (failedRegions.containsKey(region)) {
            return "the image never reached " + region;
        }
        if (account == null) {
            return "no result was recorded for this account";
        }
        Target target = orEmpty(account.targets()).stream().filter(t -> region.equals(t.region())).findFirst().orElse(null);
        if (target == null) {
            return "no result was recorded for this region";
        }
        return target.error() == null ? null : FailureReason.describe(target.error());
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
