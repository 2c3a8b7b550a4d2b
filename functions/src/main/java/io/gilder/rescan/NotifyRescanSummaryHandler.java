package io.gilder.rescan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.gilder.error.GilderException;
import io.gilder.registry.EvidenceStore;
import io.gilder.registry.Notifier;
import io.gilder.scan.ScanEvidence;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * "Notify Rescan Summary": publishes the report's subject and its text ({@code report.txt}, one line per image) to
 * the stack's topic. When the text cannot be read the notice still goes out, with the counts and where the report is.
 */
@Named("notify-rescan-summary")
public class NotifyRescanSummaryHandler implements RequestHandler<NotifyRescanSummaryHandler.Input, NotifyRescanSummaryHandler.Output> {

    /** The output of write-rescan-report plus the run. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(String run, String date, String report, String subject, int images, int scanned, int notScanned) {}

    public record Output(String messageId) {}

    private final Notifier notifier;
    private final EvidenceStore evidence;

    NotifyRescanSummaryHandler(Notifier notifier, EvidenceStore evidence) {
        this.notifier = notifier;
        this.evidence = evidence;
    }

    @Override
    public Output handleRequest(Input in, Context context) {
        return new Output(notifier.publish(in.subject(), body(in)));
    }

    private String body(Input in) {
        String fallback = in.subject() + "\n\n" + in.scanned() + " of " + in.images() + " images scanned, " + in.notScanned()
                + " not scanned. The per-image summary could not be read";
        if (in.run() == null || in.date() == null) {
            return fallback + ".\n\nReport: " + in.report() + "\n";
        }
        String key = ScanEvidence.rescanReport(LocalDate.parse(in.date()), in.run().substring(in.run().lastIndexOf(':') + 1), "report.txt");
        try {
            return evidence.get(key).map(text -> new String(text, StandardCharsets.UTF_8))
                    .orElse(fallback + " (" + key + " is missing).\n\nReport: " + in.report() + "\n");
        } catch (GilderException e) {
            return fallback + ": " + e.getMessage() + "\n\nReport: " + in.report() + "\n";
        }
    }
}
