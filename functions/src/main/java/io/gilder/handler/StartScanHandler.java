package io.gilder.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.domain.BuildRequest;
import io.gilder.domain.ScanTarget;
import io.gilder.port.Scanner;
import io.gilder.scanner.Scanners;
import jakarta.inject.Named;

/** "Start Scan": makes the test instance scannable and launches a scan of it (its private IP, or its id for Inspector). */
@Named("start-scan")
public class StartScanHandler implements RequestHandler<StartScanHandler.Input, StartScanHandler.Output> {

    public record Input(String executionArn, String scanner, String instanceId, String privateIp, String imageId,
            BuildRequest request) {}

    public record Output(String scanner, String scanRef) {}

    private final Scanners scanners;

    StartScanHandler(Scanners scanners) {
        this.scanners = scanners;
    }

    @Override
    public Output handleRequest(Input in, Context context) {
        Scanner scanner = scanners.named(in.scanner());
        return new Output(scanner.name(), scanner.start(new ScanTarget(in.instanceId(), in.privateIp(), title(in))));
    }

    /** e.g. {@code Gilder WebServer-1.2 AmazonLinux-2023 v7 ami-0abc (i-0def, execution build-42)} */
    static String title(Input in) {
        String execution = in.executionArn().substring(in.executionArn().lastIndexOf(':') + 1);
        return "Gilder " + in.request().product().id() + " " + in.request().os().id() + " v" + in.request().buildVersion()
                + " " + in.imageId() + " (" + in.instanceId() + ", execution " + execution + ")";
    }
}
