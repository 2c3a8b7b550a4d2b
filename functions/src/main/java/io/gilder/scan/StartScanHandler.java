package io.gilder.scan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;

/** "Start Scan": makes the test instance scannable and launches a scan of it (its private IP, or its id for Inspector). */
@Named("start-scan")
public class StartScanHandler implements RequestHandler<StartScanHandler.Input, StartScanHandler.Output> {

    /** The scanner is the subject's. */
    public record Input(String executionArn, String instanceId, String privateIp, SubjectInput subject) {}

    public record Output(String scanner, String scanRef) {}

    private final Scanners scanners;

    StartScanHandler(Scanners scanners) {
        this.scanners = scanners;
    }

    @Override
    public Output handleRequest(Input in, Context context) {
        ScanSubject subject = SubjectInput.of(in.subject(), "start-scan");
        Scanner scanner = scanners.named(subject.scanner());
        return new Output(scanner.name(), scanner.start(new ScanTarget(in.instanceId(), in.privateIp(),
                ScanTitle.of(in.executionArn(), subject).title(subject, in.instanceId()))));
    }
}
