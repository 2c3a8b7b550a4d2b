package io.gilder.decommission;

import java.util.List;

/** Finds instances launched from an image. Throws {@link io.gilder.error.GilderException} when a call fails. */
public interface ImageUsage {

    /**
     * @param accountId   the account to look in, or {@code null} for the pipeline account
     * @param sessionName the cross-account role session's name in a child account (names the execution)
     * @return ids of the instances that are pending, running, stopping or stopped from {@code imageId} there
     */
    List<String> instancesUsing(String accountId, String region, String imageId, String sessionName);
}
