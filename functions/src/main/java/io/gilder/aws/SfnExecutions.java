package io.gilder.aws;

import io.gilder.rescan.Executions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;

/** {@link Executions} with Step Functions {@code DescribeExecution}. */
@Singleton
public class SfnExecutions implements Executions, io.gilder.start.RunningBuilds, io.gilder.lock.LockHolders {

    private final SfnClient sfn;

    @Inject
    public SfnExecutions(SfnClient sfn) {
        this.sfn = sfn;
    }

    @Override
    public boolean running(String executionArn) {
        return status(executionArn).map("RUNNING"::equals).orElse(false);
    }

    @Override
    public Optional<String> status(String executionArn) {
        return AwsCall.run("states:DescribeExecution", () -> {
            try {
                return Optional.of(sfn.describeExecution(r -> r.executionArn(executionArn)).statusAsString());
            } catch (ExecutionDoesNotExistException e) {
                return Optional.empty();
            }
        });
    }
}
