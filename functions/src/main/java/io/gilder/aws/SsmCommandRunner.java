package io.gilder.aws;

import io.gilder.build.CommandOutcome;
import io.gilder.build.CommandRunner;
import io.gilder.build.ShellCommand;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Command;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;
import software.amazon.awssdk.services.ssm.model.InstanceInformationStringFilter;
import software.amazon.awssdk.services.ssm.model.InvocationDoesNotExistException;
import software.amazon.awssdk.services.ssm.model.PingStatus;

/**
 * Shell commands through SSM Run Command and its {@code AWS-RunShellScript} document. The script
 * travels as the document's {@code commands} parameter, which SSM keeps in its command history: it
 * must never hold a secret.
 */
@Singleton
public final class SsmCommandRunner implements CommandRunner {

    static final String DOCUMENT = "AWS-RunShellScript";
    /** How long SSM may take to deliver a command to a managed instance before giving up. */
    static final int DELIVERY_TIMEOUT_SECONDS = 600;

    private final SsmClient ssm;

    @Inject
    public SsmCommandRunner(SsmClient ssm) {
        this.ssm = ssm;
    }

    @Override
    public boolean isManaged(String instanceId) {
        return AwsCall.run("ssm:DescribeInstanceInformation", () -> ssm.describeInstanceInformation(r -> r
                        .filters(InstanceInformationStringFilter.builder().key("InstanceIds").values(instanceId).build()))
                .instanceInformationList().stream()
                .anyMatch(info -> instanceId.equals(info.instanceId()) && info.pingStatus() == PingStatus.ONLINE));
    }

    @Override
    public String send(ShellCommand command) {
        // A builder receives at most one command per step, so one page of its commands holds them all.
        return AwsCall.run("ssm:ListCommands", () -> ssm.listCommands(r -> r.instanceId(command.instanceId())).commands())
                .stream()
                .filter(sent -> DOCUMENT.equals(sent.documentName()) && command.comment().equals(sent.comment()))
                .map(Command::commandId)
                .findFirst()
                .orElseGet(() -> AwsCall.run("ssm:SendCommand", () -> ssm.sendCommand(r -> r
                        .documentName(DOCUMENT)
                        .instanceIds(command.instanceId())
                        .comment(command.comment())
                        .timeoutSeconds(DELIVERY_TIMEOUT_SECONDS)
                        .parameters(Map.of("commands", command.lines(),
                                "executionTimeout", List.of(String.valueOf(command.timeoutSeconds())))))
                        .command().commandId()));
    }

    @Override
    public CommandOutcome outcome(String commandId, String instanceId) {
        return AwsCall.run("ssm:GetCommandInvocation", () -> {
            try {
                GetCommandInvocationResponse invocation = ssm.getCommandInvocation(r -> r.commandId(commandId).instanceId(instanceId));
                return new CommandOutcome(invocation.statusAsString(), Objects.requireNonNullElse(invocation.responseCode(), -1),
                        Objects.requireNonNullElse(invocation.standardOutputContent(), ""),
                        Objects.requireNonNullElse(invocation.standardErrorContent(), ""));
            } catch (InvocationDoesNotExistException e) {
                // Right after SendCommand, SSM may not have recorded the invocation on the instance yet.
                return CommandOutcome.pending();
            }
        });
    }
}
