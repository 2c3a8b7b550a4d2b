package io.gilder.lock;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * "Lock Version", right after validation in distribute-, revoke- and decommission-golden-ami: the version is theirs
 * alone until "Unlock Version" (or until this execution ends, or the lease lapses).
 */
@Named("lock-version")
public class LockVersionHandler implements RequestHandler<LockVersionHandler.Input, LockVersionHandler.Output> {

    /**
     * @param executionArn  the execution taking the lock ({@code $$.Execution.Id})
     * @param parameterName the version, {@code /GoldenAMI/<os>/<product>/<version>}
     * @param leaseSeconds  how long the lock lasts at most: the workflow's own timeout
     */
    public record Input(String executionArn, String parameterName, long leaseSeconds) {}

    /** The lock held: its owner and expiry, and the ended or lapsed execution it was taken from (null when free). */
    public record Output(String parameterName, String owner, String expiresAt, String takenOverFrom) {}

    private final VersionLocking locking;

    @Inject
    LockVersionHandler(VersionLocking locking) {
        this.locking = locking;
    }

    @Override
    public Output handleRequest(Input input, Context context) {
        List<FieldProblem> problems = new ArrayList<>();
        if (input == null || input.executionArn() == null || input.executionArn().isBlank()) {
            problems.add(new FieldProblem("executionArn", "is missing"));
        }
        if (input == null || input.parameterName() == null || !input.parameterName().startsWith("/GoldenAMI/")) {
            problems.add(new FieldProblem("parameterName", "must be a /GoldenAMI/<os>/<product>/<version> parameter name"));
        }
        if (input == null || input.leaseSeconds() <= 0) {
            problems.add(new FieldProblem("leaseSeconds", "must be a positive number of seconds"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Lock Version", problems);
        }
        VersionLocking.Locked locked = locking.lock(input.parameterName(), input.executionArn(), Duration.ofSeconds(input.leaseSeconds()));
        return new Output(locked.lock().version(), locked.lock().owner(), locked.lock().expiresAt().toString(), locked.takenOverFrom());
    }
}
