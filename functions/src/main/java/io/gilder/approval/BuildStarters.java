package io.gilder.approval;

import java.util.Optional;

/** Who started a build, as recorded when it was started through Gilder's IAM-authenticated route ({@code POST /builds}). */
public interface BuildStarters {

    /** The IAM ARN of whoever started {@code executionArn}, or empty when it was not started through the route. */
    Optional<String> startedBy(String executionArn);
}
