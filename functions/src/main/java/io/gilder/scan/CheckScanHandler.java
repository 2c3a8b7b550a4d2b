package io.gilder.scan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.config.GilderConfig;
import io.gilder.error.ScanFailedException;
import io.gilder.error.TargetNotScannedException;
import io.gilder.flow.WaitProgress;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * "Check Scan": one turn of the scan's wait loop. A scan that ended without results fails the loop: an error is
 * {@link ScanFailedException}; an ending that proves the target was not scanned (canceled, no live host, excluded,
 * a sub-state Gilder does not know) is {@link TargetNotScannedException}.
 */
@Named("check-scan")
public class CheckScanHandler implements RequestHandler<CheckScanHandler.Input, CheckScanHandler.Output> {

    public record Input(String scanner, String scanRef, int attempt) {}

    /** @param status the scanner-neutral status ({@code QUEUED}, {@code RUNNING}, {@code PAUSED} or {@code FINISHED}) */
    public record Output(boolean done, int attempt, String status) {}

    private final Scanners scanners;
    private final int maxAttempts;

    @Inject
    CheckScanHandler(Scanners scanners, GilderConfig config) {
        this(scanners, config.waits().scanAttempts());
    }

    CheckScanHandler(Scanners scanners, int maxAttempts) {
        this.scanners = scanners;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public Output handleRequest(Input in, Context context) {
        ScanProgress progress = scanners.named(in.scanner()).status(in.scanRef());
        String scan = in.scanner() + " scan " + in.scanRef();
        if (progress.status() == ScanStatus.CANCELED || progress.status() == ScanStatus.NOT_SCANNED) {
            throw new TargetNotScannedException(scan + " ended without scanning the test instance: the scanner reports "
                    + progress.scannerState() + "; the build fails closed");
        }
        if (progress.status().failed()) {
            throw new ScanFailedException(scan + " ended without results in state " + progress.scannerState());
        }
        WaitProgress wait = WaitProgress.after(in.attempt(), maxAttempts, progress.status().finished(),
                scan + " to finish (last state " + progress.scannerState() + ")");
        return new Output(wait.done(), wait.attempt(), progress.status().name());
    }
}
