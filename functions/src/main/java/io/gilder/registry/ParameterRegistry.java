package io.gilder.registry;

import java.util.Optional;

/** Reads the golden image registry kept in Parameter Store. */
public interface ParameterRegistry {

    /**
     * @return the parameter's value, or empty when there is no parameter of that name
     * @throws io.gilder.error.GilderException when the read itself fails (for example access denied)
     */
    Optional<String> find(String name);
}
