package io.gilder.local;

import io.gilder.local.emulator.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** Starts a Step Functions execution and waits for its end, as a user would with the CLI. */
public final class Executions {

    /** How an execution ended, with its full history. */
    public record Result(String arn, ExecutionStatus status, String output, String error, String cause,
            List<HistoryEvent> history, Duration took) {

        /** The output of the first time state {@code name} exited, or empty when it never did. */
        public java.util.Optional<String> stateOutput(String name) {
            return history.stream().filter(e -> e.stateExitedEventDetails() != null && name.equals(e.stateExitedEventDetails().name()))
                    .map(e -> e.stateExitedEventDetails().output()).findFirst();
        }

        /**
         * Every value of every history event as text, sensitive members included (the SDK's {@code toString}
         * redacts inputs and outputs): what a search of the history in the console or with the CLI would find.
         */
        public String historyText() {
            StringBuilder out = new StringBuilder();
            history.forEach(event -> appendValues(event, out));
            return out.toString();
        }

        private static void appendValues(Object value, StringBuilder out) {
            if (value instanceof software.amazon.awssdk.core.SdkPojo pojo) {
                pojo.sdkFields().forEach(field -> appendValues(field.getValueOrDefault(pojo), out));
            } else if (value instanceof java.util.Collection<?> items) {
                items.forEach(item -> appendValues(item, out));
            } else if (value instanceof java.util.Map<?, ?> entries) {
                entries.forEach((k, v) -> {
                    appendValues(k, out);
                    appendValues(v, out);
                });
            } else if (value != null) {
                out.append(value).append('\n');
            }
        }

        /** The task token Step Functions issued to the first callback task, or empty when none ran. */
        public java.util.Optional<String> taskToken() {
            return history.stream().filter(e -> e.taskScheduledEventDetails() != null)
                    .map(e -> Json.read(e.taskScheduledEventDetails().parameters()).at("/Payload/taskToken").asText(""))
                    .filter(t -> !t.isEmpty()).findFirst();
        }

        /** The names of the states entered, in order. */
        public List<String> statesEntered() {
            return history.stream().filter(e -> e.stateEnteredEventDetails() != null)
                    .map(e -> e.stateEnteredEventDetails().name()).toList();
        }
    }

    private Executions() {}

    public static Result run(SfnClient sfn, String stateMachineArn, String name, String input, Duration timeout) {
        return await(sfn, start(sfn, stateMachineArn, name, input), timeout);
    }

    /** Starts an execution; returns its ARN. */
    public static String start(SfnClient sfn, String stateMachineArn, String name, String input) {
        return sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(name).input(input)).executionArn();
    }

    /** Waits for a started execution to end (stopping it after {@code timeout}) and reads its history. */
    public static Result await(SfnClient sfn, String arn, Duration timeout) {
        Instant start = Instant.now();
        String name = arn.substring(arn.lastIndexOf(':') + 1);
        DescribeExecutionResponse d = sfn.describeExecution(r -> r.executionArn(arn));
        while (d.status() == ExecutionStatus.RUNNING) {
            if (Duration.between(start, Instant.now()).compareTo(timeout) > 0) {
                sfn.stopExecution(r -> r.executionArn(arn).error("LocalTimeout").cause("still running after " + timeout));
                throw new IllegalStateException("Execution " + name + " still running after " + timeout);
            }
            pause();
            d = sfn.describeExecution(r -> r.executionArn(arn));
        }
        List<HistoryEvent> history = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            var response = sfn.getExecutionHistory(r -> r.executionArn(arn).nextToken(page).maxResults(1000));
            history.addAll(response.events());
            token = response.nextToken();
        } while (token != null);
        return new Result(arn, d.status(), d.output(), d.error(), d.cause(), history, Duration.between(start, Instant.now()));
    }

    /** One beat of a polling loop (100 ms), for the tests that wait on the local stack too. */
    public static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
