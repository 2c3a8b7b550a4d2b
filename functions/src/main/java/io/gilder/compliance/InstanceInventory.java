package io.gilder.compliance;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The EC2 instances of the account and region the function runs in. Throws
 * {@link io.gilder.error.GilderException} when a call fails.
 */
public interface InstanceInventory {

    /** @return the instance, or empty when EC2 does not know it (any more) */
    Optional<ObservedInstance> find(String instanceId);

    /**
     * Hands every instance, in every state, to {@code page}, one page at a time as EC2 returns them, so
     * that a large account is never held in memory at once.
     */
    void forEachPage(Consumer<List<ObservedInstance>> page);
}
