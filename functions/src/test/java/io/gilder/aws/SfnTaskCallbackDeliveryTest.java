package io.gilder.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.approval.TaskCallback.Delivery;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * The mapping of an execution's state to a delivery, for the endings the local stack cannot produce (moto keeps a
 * callback execution running after StopExecution); the histories follow the event shapes AWS documents for a
 * {@code lambda:invoke.waitForTaskToken} task. SfnTaskCallbackTest on the local stack covers the rest with real histories.
 */
class SfnTaskCallbackDeliveryTest {

    private static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:BuildGoldenAmi:run-1";

    private static SfnClient sfn(ExecutionStatus status, List<HistoryEvent> events) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (args != null && args.length == 1 && args[0] instanceof DescribeExecutionRequest) {
                return DescribeExecutionResponse.builder().executionArn(ARN).status(status).build();
            }
            if (args != null && args.length == 1 && args[0] instanceof GetExecutionHistoryRequest request) {
                assertThat(request.reverseOrder()).isTrue();
                assertThat(request.includeExecutionData()).as("no inputs, which hold task tokens").isFalse();
                return GetExecutionHistoryResponse.builder().events(events).build();
            }
            if (method.isDefault()) {
                // The Consumer<Builder> overloads build the request and call the methods above.
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            throw new UnsupportedOperationException(method.getName());
        };
        return (SfnClient) Proxy.newProxyInstance(SfnClient.class.getClassLoader(), new Class<?>[] {SfnClient.class}, handler);
    }

    private static HistoryEvent submitted(long id) {
        return HistoryEvent.builder().id(id).type(HistoryEventType.TASK_SUBMITTED)
                .taskSubmittedEventDetails(d -> d.resourceType("lambda").resource("invoke.waitForTaskToken")).build();
    }

    private static HistoryEvent succeeded(long id, String output) {
        return HistoryEvent.builder().id(id).type(HistoryEventType.TASK_SUCCEEDED)
                .taskSucceededEventDetails(d -> d.resourceType("lambda").resource("invoke.waitForTaskToken").output(output)).build();
    }

    @Test
    void aBuildAbortedWhileWaitingEndedWithoutTheAnswer() {
        assertThat(new SfnTaskCallback(sfn(ExecutionStatus.ABORTED, List.of(submitted(12)))).delivery(ARN))
                .isEqualTo(new Delivery.Ended("the build ended: ABORTED"));
    }

    @Test
    void theNewestApprovalEventDecidesWhateverTheOrderOfThePage() {
        String answer = "{\"decision\": \"APPROVED\", \"decidedAt\": \"2025-03-01T12:00:00Z\"}";
        SfnTaskCallback newestFirst = new SfnTaskCallback(sfn(ExecutionStatus.RUNNING, List.of(succeeded(14, answer), submitted(12))));
        SfnTaskCallback oldestFirst = new SfnTaskCallback(sfn(ExecutionStatus.RUNNING, List.of(submitted(12), succeeded(14, answer))));

        assertThat(newestFirst.delivery(ARN)).isEqualTo(new Delivery.Delivered());
        assertThat(oldestFirst.delivery(ARN)).isEqualTo(new Delivery.Delivered());
    }
}
