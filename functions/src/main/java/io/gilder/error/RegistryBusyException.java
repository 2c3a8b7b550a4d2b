package io.gilder.error;

/**
 * Another writer holds the golden image registry's shared list right now (or this writer's lease ran
 * out before it could write): nothing was changed, retry after a back-off.
 */
public final class RegistryBusyException extends RetryableException {

    public RegistryBusyException(String message) {
        super(message, null);
    }
}
