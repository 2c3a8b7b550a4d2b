package io.gilder.flow;

/**
 * A handler that can warm itself during the Lambda init phase, so that SnapStart snapshots loaded
 * classes and ready SDK clients and the first invocation pays only for its own work. Priming must
 * be read-only and must never fail init: {@link HandlerPriming} logs and ignores its errors.
 */
public interface Primed {

    /** Runs the handler's own code path once on a harmless input (read-only AWS calls only). */
    void prime();
}
