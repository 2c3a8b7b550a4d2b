package io.gilder.scan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.gilder.config.ScannerConfig;
import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import io.gilder.flow.QueuedEvent;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Target of the EventBridge rule on Step Functions' "Execution Status Change" events (FAILED, ABORTED, TIMED_OUT) of the
 * build and rescan state machines: removes the scans that execution left at the scanners (a Tenable scan definition,
 * a Qualys scan, possibly still running against a terminated instance). It keeps no state: it finds them at the
 * scanner by their title ({@link ScanTitle}), so a scan whose Start Scan answer was lost is found too. A successful
 * build's scan is kept: it is the golden image's {@code ScanReference}.
 *
 * <p>The same ending comes a second time 5 minutes later from {@code DiscardScansAgainQueue} (an SQS message whose body is
 * the event): a "Start Scan" still in flight at the ending (Step Functions does not stop a Lambda invocation) may launch
 * its scan after the first pass looked.
 */
@Named("discard-scans")
public class DiscardScansHandler implements RequestHandler<DiscardScansHandler.Event, DiscardScansHandler.Output> {

    /** Scans launched this long before the execution started are still looked at: the scanner's clock is not AWS's. */
    static final Duration CLOCK_MARGIN = Duration.ofHours(1);

    /** The EventBridge event (only {@code detail} is read), or an SQS batch of one message whose body is that event. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(Detail detail, @JsonProperty("Records") List<QueuedEvent.Message> records) {
        public Event(Detail detail) {
            this(detail, null);
        }
    }

    /** The fields of Step Functions' status-change event this handler reads; {@code startDate} in epoch milliseconds. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Detail(String executionArn, String stateMachineArn, String status, Long startDate) {}

    /**
     * @param owner   whose scans were looked for, e.g. {@code build execution build-42}; null for a state machine that starts no scan
     * @param removed the scan references removed, by scanner
     */
    public record Output(String executionArn, String owner, Map<String, List<String>> removed) {}

    private final Scanners scanners;
    private final ScannerConfig.Owners owners;

    DiscardScansHandler(Scanners scanners, ScannerConfig config) {
        this.scanners = scanners;
        this.owners = config.owners();
    }

    @Override
    public Output handleRequest(Event event, Context context) {
        Event ending = event != null && event.records() != null
                ? QueuedEvent.unwrap(event.records(), Event.class, "ended-execution message")
                : event;
        Detail detail = ending == null ? null : ending.detail();
        List<FieldProblem> problems = new ArrayList<>();
        if (detail == null || detail.executionArn() == null || !detail.executionArn().startsWith("arn:")) {
            problems.add(new FieldProblem("detail.executionArn", "is required: this function takes Step Functions' Execution Status Change events"));
        }
        if (detail == null || detail.startDate() == null) {
            problems.add(new FieldProblem("detail.startDate", "is required: the scans looked for are those launched since the execution started"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("ended-execution event", problems);
        }
        boolean build = owners.buildStateMachineArn().filter(arn -> arn.equals(detail.stateMachineArn())).isPresent();
        boolean rescan = owners.rescanStateMachineArn().filter(arn -> arn.equals(detail.stateMachineArn())).isPresent();
        if (!build && !rescan) {
            return new Output(detail.executionArn(), null, Map.of());
        }
        ScanTitle owner = ScanTitle.of(detail.executionArn(), rescan);
        Instant since = Instant.ofEpochMilli(detail.startDate()).minus(CLOCK_MARGIN);
        return new Output(detail.executionArn(), owner.toString(), scanners.discard(owner, since));
    }
}
