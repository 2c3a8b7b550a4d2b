package io.gilder.distribution;

import java.util.Set;

/** The AWS regions of the partition. */
public interface RegionCatalog {

    /**
     * @return every region name EC2 knows in this partition, whether or not the account enabled it
     * @throws io.gilder.error.GilderException when the look-up fails
     */
    Set<String> regionNames();
}
