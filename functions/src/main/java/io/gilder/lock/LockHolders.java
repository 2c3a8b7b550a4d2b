package io.gilder.lock;

/** Whether the execution holding a version lock still runs. */
public interface LockHolders {

    /**
     * @return true while {@code executionArn} runs; false when it ended (any way) or Step Functions does not know it
     * @throws io.gilder.error.GilderException when the look-up fails (the lock is then not taken over: fail closed)
     */
    boolean running(String executionArn);
}
