package io.gilder.port;

import java.util.List;

/**
 * Records approved images in Parameter Store: one parameter per product, OS and version, and the
 * shared list of active images ({@code /GoldenAMI/latest}). Changes to the shared list are
 * serialized, so concurrent registrations never lose or duplicate an entry. Every method throws
 * {@link io.gilder.error.GilderException} when the underlying calls fail.
 */
public interface GoldenRegistry {

    /**
     * Writes {@code imageId} under {@code parameterName} as an EC2 image id, never replacing another
     * value. Succeeds again when the parameter already holds this very id (a retry).
     *
     * @throws io.gilder.error.VersionAlreadyRegisteredException the parameter holds a different image
     */
    void registerImage(String parameterName, String imageId);

    /**
     * Adds {@code imageId} to the active list (once; creating the list when missing).
     *
     * @return the active list after the change
     * @throws io.gilder.error.RegistryBusyException another writer holds the list right now: retry later
     */
    List<String> addActive(String imageId);

    /**
     * Removes {@code imageId} from the active list (deleting the list when it becomes empty, since a
     * parameter cannot hold an empty value); nothing changes when it is not listed.
     *
     * @return the active list after the change
     * @throws io.gilder.error.RegistryBusyException another writer holds the list right now: retry later
     */
    List<String> removeActive(String imageId);
}
