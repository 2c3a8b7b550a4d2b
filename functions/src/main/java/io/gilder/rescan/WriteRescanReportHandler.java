package io.gilder.rescan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import io.gilder.registry.EvidenceStore;
import io.gilder.scan.EvidenceJson;
import io.gilder.scan.ScanEvidence;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** "Write Rescan Report": {@code report.json} and {@code report.txt} under {@code rescans/<yyyy>/<mm>/<dd>/<execution name>/}. */
@Named("write-rescan-report")
public class WriteRescanReportHandler implements RequestHandler<WriteRescanReportHandler.Input, WriteRescanReportHandler.Output> {

    /** Images named in the text (and the email); past that the text says how many more the JSON report holds. */
    static final int MAX_LINES = 1500;

    /** @param startedAt the run's start ({@code $$.Execution.StartTime}); its UTC day dates the report */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(String run, String startedAt, ListActiveGoldenImagesHandler.Output listing, List<RescanImageResult> results,
            JsonNode sweep) {}

    /** @param text reference of {@code report.txt}; {@code date} the report's day ({@code yyyy-mm-dd}) */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Output(String report, String text, String date, int images, int scanned, int notScanned, int withNewFindings,
            Map<String, Integer> newBySeverity, int failingPolicy, String subject, List<String> notScannedImages) {}

    /** {@code report.json}; {@code summary} has no {@code report}/{@code text} references (it is one of them). */
    public record Document(String run, String startedAt, String writtenAt, Output summary, ListActiveGoldenImagesHandler.Output listing,
            List<RescanImageResult> results, JsonNode sweep) {}

    private final EvidenceStore evidence;
    private final Clock clock;

    @Inject
    WriteRescanReportHandler(EvidenceStore evidence) {
        this(evidence, Clock.systemUTC());
    }

    WriteRescanReportHandler(EvidenceStore evidence, Clock clock) {
        this.evidence = evidence;
        this.clock = clock;
    }

    @Override
    public Output handleRequest(Input in, Context context) {
        if (in.run() == null || in.run().isBlank()) {
            throw new InvalidRequestException("Rescan report", List.of(new FieldProblem("run", "is missing: the report is filed under the run's name")));
        }
        LocalDate day = day(in.startedAt());
        String name = in.run().substring(in.run().lastIndexOf(':') + 1);
        RescanReport report = new RescanReport(day, RescanResults.of(in.listing(), in.results()));
        Output summary = new Output(null, null, day.toString(), report.images().size(), report.scanned(), report.notScanned(),
                report.withNewFindings(), report.newBySeverity(), report.failingPolicy(), report.subject(), report.notScannedImages());
        String json = evidence.put(ScanEvidence.rescanReport(day, name, "report.json"), EvidenceJson.CONTENT_TYPE, EvidenceJson.write(
                new Document(in.run(), in.startedAt(), clock.instant().toString(), summary, in.listing(), in.results(), in.sweep())));
        String text = evidence.put(ScanEvidence.rescanReport(day, name, "report.txt"), "text/plain; charset=utf-8",
                report.body(json, MAX_LINES).getBytes(StandardCharsets.UTF_8));
        return new Output(json, text, summary.date(), summary.images(), summary.scanned(), summary.notScanned(), summary.withNewFindings(),
                summary.newBySeverity(), summary.failingPolicy(), summary.subject(), summary.notScannedImages());
    }

    private LocalDate day(String startedAt) {
        try {
            return (startedAt == null ? clock.instant() : Instant.parse(startedAt)).atZone(ZoneOffset.UTC).toLocalDate();
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidRequestException("Rescan report", List.of(new FieldProblem("startedAt", "is not an ISO-8601 instant: " + startedAt)));
        }
    }
}
