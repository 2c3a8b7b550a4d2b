package io.gilder.distribution;

import java.util.List;

/** A region that receives a golden image and the accounts it is shared with there (sorted). */
public record RegionTargets(String region, List<String> accounts) {

    public RegionTargets {
        accounts = List.copyOf(accounts);
    }
}
