package io.gilder.rescan;

import java.util.Optional;

/** Step Functions executions of this account and region. */
public interface Executions {

    /**
     * @return the execution's status ({@code RUNNING}, {@code SUCCEEDED}, {@code FAILED}, {@code TIMED_OUT},
     *         {@code ABORTED}, …), or empty when Step Functions does not know it (never existed or expired)
     * @throws io.gilder.error.GilderException when the look-up itself fails
     */
    Optional<String> status(String executionArn);
}
