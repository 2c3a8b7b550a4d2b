package io.gilder.local.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scans a network scanner fake keeps, as the real scanner does: a Qualys scan launched or a Tenable scan created is
 * kept (its reference or id, title and state) until it is deleted; both fakes' scan lists answer from these records, a
 * stop (Tenable) or cancel (Qualys) marks a record, and a delete removes it (Tenable: 404 when unknown, 409 while
 * active; Qualys: an error while active or unknown). The fakes' stubs name this transformer with the parameter
 * {@value #ACTION} saying which call a stub plays; the records outlive the fakes' re-registration (a scan stays at the
 * scanner whatever story the next build plays), so a test compares {@link #kept()} before and after a run.
 *
 * <p>The fakes give every scan of one registration the reference or id of their options: records sharing one are all
 * removed by its deletion, so a test comparing records gives each run its own ({@code withScanRef}, {@code withScanId}).
 */
public final class ScanRecords implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "gilder-scan-records";
    /** The transformer parameter naming the call a stub plays, e.g. {@code qualys-launch}. */
    static final String ACTION = "scanRecords";

    /** One scan at a scanner: {@code qualys} or {@code tenable}, its reference (id), title, state and when it last changed. */
    public record Kept(String scanner, String ref, String title, String state, Instant modified) {
        Kept in(String newState) {
            return new Kept(scanner, ref, title, newState, Instant.now());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUALYS_REFERENCE = Pattern.compile("<KEY>REFERENCE</KEY>\\s*<VALUE>([^<]+)</VALUE>");
    private static final Set<String> QUALYS_ENDED = Set.of("Finished", "Error", "Canceled");
    private static final Set<String> TENABLE_ACTIVE = Set.of("pending", "initializing", "running", "resuming", "processing", "publishing",
            "pausing", "paused", "stopping");
    private static final Pattern TENABLE_SCAN_PATH = Pattern.compile("/scans/([0-9]+)(/[a-z-]+)?");
    private static final Pattern QUALYS_STATE = Pattern.compile("<STATE>([A-Za-z_]+)</STATE>");
    private static final Pattern TENABLE_STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z]+)\"");

    private final List<Kept> kept = new ArrayList<>();

    /** The records of {@code server}, which must have been built with this extension. */
    public static ScanRecords of(WireMockServer server) {
        Extension extension = server.getOptions().getDeclaredExtensions().getInstances().get(NAME);
        if (!(extension instanceof ScanRecords records)) {
            throw new IllegalStateException("the WireMock server was built without the " + NAME + " extension (new ScanRecords())");
        }
        return records;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** Every scan kept, oldest first. */
    public synchronized List<Kept> kept() {
        return List.copyOf(kept);
    }

    /** The scans {@code scanner} keeps. */
    public List<Kept> kept(String scanner) {
        return kept().stream().filter(k -> k.scanner().equals(scanner)).toList();
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        ResponseDefinition stubbed = event.getResponseDefinition();
        String action = event.getTransformerParameters().getString(ACTION, "");
        Request request = event.getRequest();
        return switch (action) {
            case "qualys-launch" -> qualysLaunch(request, stubbed);
            case "qualys-list" -> qualysList(request, stubbed);
            case "qualys-cancel" -> qualysCancel(form(request, "scan_ref"), stubbed);
            case "qualys-delete" -> qualysDelete(form(request, "scan_ref"), stubbed);
            case "tenable-create" -> tenableCreate(request, stubbed);
            case "tenable-launch" -> tenableChange(request, stubbed, "running");
            case "qualys-status" -> follow("qualys", query(request, "scan_ref"), match(QUALYS_STATE, text(stubbed)), stubbed);
            case "tenable-status" -> follow("tenable", tenableId(request), match(TENABLE_STATUS, text(stubbed)), stubbed);
            case "tenable-list" -> tenableList(request, stubbed);
            case "tenable-stop" -> tenableStop(request, stubbed);
            case "tenable-delete" -> tenableDelete(request, stubbed);
            default -> stubbed;
        };
    }

    private ResponseDefinition qualysLaunch(Request request, ResponseDefinition stubbed) {
        Matcher ref = QUALYS_REFERENCE.matcher(text(stubbed));
        if (ref.find()) {
            kept.add(new Kept("qualys", ref.group(1), form(request, "scan_title"), "Running", Instant.now()));
        }
        return stubbed;
    }

    private ResponseDefinition qualysList(Request request, ResponseDefinition stubbed) {
        Instant after = qualysDate(query(request, "launched_after_datetime"));
        StringBuilder scans = new StringBuilder();
        for (Kept scan : kept) {
            if (scan.scanner().equals("qualys") && !scan.modified().isBefore(after)) {
                scans.append("<SCAN><REF>").append(scan.ref()).append("</REF><TYPE>API</TYPE><TITLE><![CDATA[").append(scan.title())
                        .append("]]></TITLE><LAUNCH_DATETIME>").append(scan.modified()).append("</LAUNCH_DATETIME><STATUS><STATE>")
                        .append(scan.state()).append("</STATE></STATUS></SCAN>");
            }
        }
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<SCAN_LIST_OUTPUT><RESPONSE><DATETIME>" + Instant.now()
                + "</DATETIME>" + (scans.isEmpty() ? "" : "<SCAN_LIST>" + scans + "</SCAN_LIST>") + "</RESPONSE></SCAN_LIST_OUTPUT>";
        return ResponseDefinitionBuilder.like(stubbed).but().withStatus(200).withBody(body).build();
    }

    private ResponseDefinition qualysCancel(String ref, ResponseDefinition stubbed) {
        List<Kept> scans = kept.stream().filter(k -> k.scanner().equals("qualys") && k.ref().equals(ref)).toList();
        if (scans.isEmpty() || scans.stream().allMatch(k -> QUALYS_ENDED.contains(k.state()))) {
            return qualysAnswer(stubbed, 400, "1905", "scan_ref " + ref + " is not a running scan of this user");
        }
        replace(scans, k -> k.in("Canceled"));
        return qualysAnswer(stubbed, 200, null, "Canceling scan");
    }

    private ResponseDefinition qualysDelete(String ref, ResponseDefinition stubbed) {
        List<Kept> scans = kept.stream().filter(k -> k.scanner().equals("qualys") && k.ref().equals(ref)).toList();
        if (scans.isEmpty()) {
            return qualysAnswer(stubbed, 400, "1905", "scan_ref " + ref + " is not a scan of this user");
        }
        if (!scans.stream().allMatch(k -> QUALYS_ENDED.contains(k.state()))) {
            return qualysAnswer(stubbed, 400, "1905", "scan " + ref + " has not ended; cancel it first");
        }
        kept.removeAll(scans);
        return qualysAnswer(stubbed, 200, null, "Deleting scan");
    }

    private ResponseDefinition tenableCreate(Request request, ResponseDefinition stubbed) {
        try {
            String id = JSON.readTree(text(stubbed)).path("scan").path("id").asText();
            String name = JSON.readTree(request.getBodyAsString()).path("settings").path("name").asText();
            kept.add(new Kept("tenable", id, name, "empty", Instant.now()));
        } catch (IOException unreadable) {
            // the client sent no JSON: the stub's answer stands and nothing is kept
        }
        return stubbed;
    }

    private ResponseDefinition tenableChange(Request request, ResponseDefinition stubbed, String status) {
        String id = tenableId(request);
        replace(kept.stream().filter(k -> k.scanner().equals("tenable") && k.ref().equals(id)).toList(), k -> k.in(status));
        return stubbed;
    }

    private ResponseDefinition tenableList(Request request, ResponseDefinition stubbed) {
        long since = Long.parseLong(query(request, "last_modification_date") == null ? "0" : query(request, "last_modification_date"));
        ObjectNode answer = JSON.createObjectNode();
        answer.putArray("folders");
        ArrayNode scans = answer.putArray("scans");
        for (Kept scan : kept) {
            if (scan.scanner().equals("tenable") && scan.modified().getEpochSecond() >= since) {
                scans.addObject().put("id", Long.parseLong(scan.ref())).put("name", scan.title()).put("status", scan.state())
                        .put("enabled", false).put("last_modification_date", scan.modified().getEpochSecond());
            }
        }
        answer.put("timestamp", Instant.now().getEpochSecond());
        return ResponseDefinitionBuilder.like(stubbed).but().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(answer.toString()).build();
    }

    private ResponseDefinition tenableStop(Request request, ResponseDefinition stubbed) {
        String id = tenableId(request);
        List<Kept> scans = kept.stream().filter(k -> k.scanner().equals("tenable") && k.ref().equals(id)).toList();
        if (scans.isEmpty()) {
            return tenableAnswer(stubbed, 404, "{\"error\":\"Scan not found\"}");
        }
        if (scans.stream().noneMatch(k -> TENABLE_ACTIVE.contains(k.state()))) {
            return tenableAnswer(stubbed, 409, "{\"error\":\"Scan is not active\"}");
        }
        replace(scans, k -> k.in("canceled"));
        return tenableAnswer(stubbed, 200, "{}");
    }

    private ResponseDefinition tenableDelete(Request request, ResponseDefinition stubbed) {
        String id = tenableId(request);
        List<Kept> scans = kept.stream().filter(k -> k.scanner().equals("tenable") && k.ref().equals(id)).toList();
        if (scans.isEmpty()) {
            return tenableAnswer(stubbed, 404, "{\"error\":\"Scan not found\"}");
        }
        if (scans.stream().anyMatch(k -> TENABLE_ACTIVE.contains(k.state()))) {
            return tenableAnswer(stubbed, 409, "{\"error\":\"Scan cannot be deleted while it is " + scans.get(0).state() + "\"}");
        }
        kept.removeAll(scans);
        return tenableAnswer(stubbed, 200, "");
    }

    /** The scan's story as the fake tells it (a status answered) is the kept scan's state too. */
    private ResponseDefinition follow(String scanner, String ref, String state, ResponseDefinition stubbed) {
        if (state != null) {
            replace(kept.stream().filter(k -> k.scanner().equals(scanner) && k.ref().equals(ref) && !k.state().equals(state)).toList(),
                    k -> k.in(state));
        }
        return stubbed;
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private void replace(List<Kept> scans, java.util.function.UnaryOperator<Kept> change) {
        for (Kept scan : scans) {
            kept.set(kept.indexOf(scan), change.apply(scan));
        }
    }

    private static ResponseDefinition qualysAnswer(ResponseDefinition stubbed, int status, String code, String text) {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<SIMPLE_RETURN><RESPONSE><DATETIME>" + Instant.now() + "</DATETIME>"
                + (code == null ? "" : "<CODE>" + code + "</CODE>") + "<TEXT>" + text + "</TEXT></RESPONSE></SIMPLE_RETURN>";
        return ResponseDefinitionBuilder.like(stubbed).but().withStatus(status).withHeader("Content-Type", "text/xml;charset=UTF-8")
                .withBody(body).build();
    }

    private static ResponseDefinition tenableAnswer(ResponseDefinition stubbed, int status, String body) {
        return ResponseDefinitionBuilder.like(stubbed).but().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body).build();
    }

    private static String tenableId(Request request) {
        Matcher m = TENABLE_SCAN_PATH.matcher(request.getUrl().replaceAll("\\?.*", ""));
        return m.matches() ? m.group(1) : "";
    }

    private static Instant qualysDate(String value) {
        if (value == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(value.length() == 10 ? value + "T00:00:00Z" : value);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static String text(ResponseDefinition stubbed) {
        byte[] body = stubbed.getByteBody();
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    private static String form(Request request, String name) {
        try {
            FormParameter p = request.formParameter(name);
            return p != null && p.isPresent() ? p.firstValue() : "";
        } catch (RuntimeException notAForm) {
            return "";
        }
    }

    private static String query(Request request, String name) {
        QueryParameter p = request.queryParameter(name);
        return p != null && p.isPresent() ? p.firstValue() : null;
    }
}
