package io.gilder.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.domain.CatalogVersion;
import io.gilder.domain.DistributionImage;
import io.gilder.domain.DistributionManifest;
import io.gilder.domain.DistributionRecorder;
import io.gilder.domain.RegionCopy;
import io.gilder.domain.TargetOutcome;
import jakarta.inject.Named;
import java.util.List;

/**
 * "Record Distribution": merges what this run put where into the version's manifest
 * ({@code distributions/<os>/<product>/<version>.json} in the evidence bucket), then fails with
 * {@code DistributionIncompleteException} naming every failed target, if any.
 */
@Named("record-distribution")
public class RecordDistributionHandler implements RequestHandler<RecordDistributionHandler.Input, RecordDistributionHandler.Output> {

    /**
     * @param regions        the copy step's results ({@code {region, imageId, copied}}) of the regions that succeeded
     * @param targets        one entry per target; {@code error} is what the Map's Catch recorded for a failed one
     * @param serviceCatalog publish-service-catalog-version's output, or null when the run published none
     */
    public record Input(String executionArn, DistributionImage image, List<RegionCopy> regions, List<Target> targets,
            CatalogVersion serviceCatalog) {}

    /** A target's outcome; {@code error} ({@code {Error, Cause}}) is null when it succeeded. */
    public record Target(String accountId, String region, FailureReason.Failure error) {}

    public record Output(DistributionManifest manifest) {}

    private final DistributionRecorder recorder;

    RecordDistributionHandler(DistributionRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public Output handleRequest(Input input, Context context) {
        List<TargetOutcome> outcomes = (input.targets() == null ? List.<Target>of() : input.targets()).stream()
                .map(t -> new TargetOutcome(t.accountId(), t.region(), t.error() == null ? null : FailureReason.describe(t.error())))
                .toList();
        return new Output(recorder.record(input.executionArn(), input.image(), input.regions() == null ? List.of() : input.regions(),
                outcomes, input.serviceCatalog()));
    }
}
