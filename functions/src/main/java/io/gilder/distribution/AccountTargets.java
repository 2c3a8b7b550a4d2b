package io.gilder.distribution;

import java.util.List;

/** An account that receives a golden image and the regions it receives it in (sorted). */
public record AccountTargets(String accountId, List<String> regions) {

    public AccountTargets {
        regions = List.copyOf(regions);
    }
}
