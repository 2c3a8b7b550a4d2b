package io.gilder.local.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets the network scanner fakes report the host Gilder actually asked them to scan, as a real scanner does: it
 * remembers the target of the last scan launched (Qualys' {@code ip} form field, Tenable's {@code text_targets}) and
 * writes it in place of the samples' host address ({@value #SAMPLE_HOST}) in the results of the stubs that use it.
 * Without it every fake result would name a fixed address, and Gilder's proof that the test instance was scanned
 * would (rightly) fail. A fake told to report another host simply does not use this transformer.
 */
public final class ScanTargets implements ResponseTransformerV2 {

    public static final String NAME = "gilder-scan-targets";
    /** The host address the Qualys and Tenable samples were written with. */
    public static final String SAMPLE_HOST = "10.0.1.23";

    private static final Pattern QUALYS_IP = Pattern.compile("(?:^|&)ip=([^&]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Targets launched, newest last; bounded, since only the scans still running matter. */
    private final java.util.Deque<String> targets = new java.util.ArrayDeque<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public Response transform(Response response, ServeEvent event) {
        String body = event.getRequest().getBodyAsString();
        String target = target(event.getRequest().getUrl(), body == null ? "" : body);
        if (target != null) {
            remember(target);
            return response;
        }
        java.util.List<String> launched = launched();
        if (launched.isEmpty()) {
            return response;
        }
        String newest = launched.get(launched.size() - 1);
        String text = response.getBodyAsString().replace(SAMPLE_HOST, newest);
        for (String other : launched.subList(0, launched.size() - 1)) {
            text = alsoScanned(text, other);
        }
        return Response.Builder.like(response).but().body(text.getBytes(StandardCharsets.UTF_8)).build();
    }

    private synchronized void remember(String target) {
        targets.remove(target);
        targets.addLast(target);
        while (targets.size() > 50) {
            targets.removeFirst();
        }
    }

    private synchronized java.util.List<String> launched() {
        return java.util.List.copyOf(targets);
    }

    /**
     * Results that also show {@code host} scanned, without findings: scans running side by side (a rescan of several
     * images) share the fake's one scan story, and each must find its own host in the results, as in a scan of a range.
     * Qualys: an information-gathered row (not a finding); Tenable: a ReportHost with {@code HOST_END} and no items.
     */
    static String alsoScanned(String results, String host) {
        String trimmed = results.stripTrailing();
        if (trimmed.endsWith("]")) {
            return trimmed.substring(0, trimmed.length() - 1) + ",\n  {\"ip\": \"" + host + "\", \"qid\": 45038, \"title\": "
                    + "\"Host Scan Time - Scanner\", \"type\": \"Ig\", \"severity\": \"1\", \"port\": \"\", \"protocol\": \"\"}\n]\n";
        }
        int end = results.lastIndexOf("</Report>");
        if (end < 0) {
            return results;
        }
        return results.substring(0, end) + "<ReportHost name=\"" + host + "\"><HostProperties><tag name=\"host-ip\">" + host
                + "</tag><tag name=\"HOST_END\">Tue Mar  4 10:31:07 2025</tag></HostProperties></ReportHost>\n" + results.substring(end);
    }

    /** The address a launch or create-scan request names, or null for any other request. */
    static String target(String url, String body) {
        if (body.contains("action=launch")) {
            Matcher m = QUALYS_IP.matcher(body);
            return m.find() ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : null;
        }
        if (url.endsWith("/scans") && body.contains("text_targets")) {
            try {
                JsonNode targets = JSON.readTree(body).path("settings").path("text_targets");
                return targets.isTextual() ? targets.asText() : null;
            } catch (java.io.IOException e) {
                return null;
            }
        }
        return null;
    }
}
