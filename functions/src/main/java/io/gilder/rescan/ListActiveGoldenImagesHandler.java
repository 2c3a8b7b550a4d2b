package io.gilder.rescan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.inject.Named;
import java.util.List;

/** "List Active Golden Images": the rescan's work list (active = on {@code /GoldenAMI/latest}). */
@Named("list-active-golden-images")
public class ListActiveGoldenImagesHandler implements RequestHandler<ListActiveGoldenImagesHandler.Input, ListActiveGoldenImagesHandler.Output> {

    /**
     * @param imageIds              rescan only these (each must be active); {@code null}: every active image; empty is refused
     * @param includeRegionalCopies list the regional copies too (as not scanned)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(List<String> imageIds, boolean includeRegionalCopies) {}

    /** @param count number of {@code images}, for the Choice "Are There Images To Rescan?" */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Output(int count, List<RescanListing.Item> images, int inactive, List<RescanListing.Missing> missing,
            List<RescanListing.Copy> notScannedCopies) {}

    private final GoldenImageListing listing;

    ListActiveGoldenImagesHandler(GoldenImageListing listing) {
        this.listing = listing;
    }

    @Override
    public Output handleRequest(Input in, Context context) {
        Input input = in == null ? new Input(null, false) : in;
        RescanListing out = listing.list(input.imageIds(), input.includeRegionalCopies());
        return new Output(out.count(), out.images(), out.inactive(), out.missing(), out.notScannedCopies());
    }
}
