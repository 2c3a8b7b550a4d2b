package io.gilder.aws.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.build.cleanup.LifecycleAnnouncer;
import io.gilder.build.cleanup.UncaughtBuildEnding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * {@link LifecycleAnnouncer} on the account's default event bus, in the same shape as the state machines' "Announce ..."
 * states put ({@code source: gilder}, the state machine and the execution in {@code resources}). A put that fails after
 * the SDK's retries is logged and reported as not taken; the caller decides (the sweep fails its queue message, so the
 * message comes again).
 */
@ApplicationScoped
public class EventBridgeAnnouncer implements LifecycleAnnouncer {

    static final String SOURCE = "gilder";
    static final String BUILD_FAILED = "Golden AMI Build Failed";

    private static final Logger LOG = Logger.getLogger(EventBridgeAnnouncer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventBridgeClient events;

    @Inject
    public EventBridgeAnnouncer(EventBridgeClient events) {
        this.events = events;
    }

    @Override
    public boolean buildFailed(UncaughtBuildEnding.Failure failure) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", "1");
        detail.put("executionArn", failure.executionArn());
        detail.put("product", failure.product());
        detail.put("os", failure.os());
        detail.put("buildVersion", failure.buildVersion());
        detail.put("parameterName", failure.parameterName());
        detail.put("error", failure.error());
        // The sweep has removed what the build made (it throws, and is retried, otherwise).
        detail.put("cleanup", "done");
        detail.put("ending", failure.ending());
        try {
            String text = JSON.writeValueAsString(detail);
            var response = events.putEvents(r -> r.entries(e -> e.source(SOURCE).detailType(BUILD_FAILED).detail(text)
                    .resources(failure.stateMachineArn(), failure.executionArn())));
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                PutEventsResultEntry entry = response.entries().get(0);
                LOG.errorf("EventBridge did not take \"%s\" of %s: %s %s", BUILD_FAILED, failure.executionArn(), entry.errorCode(),
                        entry.errorMessage());
                return false;
            }
            return true;
        } catch (SdkException | JsonProcessingException e) {
            LOG.errorf(e, "Could not put \"%s\" of %s", BUILD_FAILED, failure.executionArn());
            return false;
        }
    }
}
