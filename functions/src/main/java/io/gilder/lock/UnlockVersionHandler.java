package io.gilder.lock;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** "Unlock Version", at each ending of the workflows that lock a version: releases this execution's lock, if it holds it. */
@Named("unlock-version")
public class UnlockVersionHandler implements RequestHandler<UnlockVersionHandler.Input, UnlockVersionHandler.Output> {

    /** The execution and the version it locked. */
    public record Input(String executionArn, String parameterName) {}

    /** @param released false when this execution held no lock on the version (released before, or taken over) */
    public record Output(boolean released) {}

    private final VersionLocking locking;

    @Inject
    UnlockVersionHandler(VersionLocking locking) {
        this.locking = locking;
    }

    @Override
    public Output handleRequest(Input input, Context context) {
        return new Output(locking.unlock(input.parameterName(), input.executionArn()));
    }
}
