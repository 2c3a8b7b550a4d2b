package io.gilder.scanner.tenable;

import io.gilder.error.ScannerResponseException;
import io.gilder.scan.Finding;
import io.gilder.scan.ScanCoverage;
import io.gilder.scanner.SecureXml;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Normalizes a Tenable {@code .nessus} (v2) export: every {@code ReportItem} of every {@code ReportHost}
 * becomes a finding with the plugin id, the plugin name, the item's CVEs ({@code cve} children) and its
 * port and protocol (port 0 is the host itself). Tenable severity 0 (info) … 4 (critical) becomes Gilder
 * severity 1 … 5; an item without a usable {@code severity} attribute is rated by its {@code risk_factor}
 * (None, Low, Medium, High, Critical). Informational items are kept, as severity 1. Each {@code ReportHost}
 * says whether Tenable finished it: those are what the scan proves it scanned.
 */
final class TenableFindings {

    static final String CONTENT_TYPE = "application/xml";
    private static final Map<String, Integer> RISK_FACTORS = Map.of("none", 1, "low", 2, "medium", 3, "high", 4, "critical", 5);
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
    /** "Ping the remote host": reports a host Tenable gave up on as dead when dead hosts are reported. */
    static final String DEAD_HOST_PLUGIN = "10180";

    private TenableFindings() {}

    /** The findings and the hosts the report names. */
    record Parsed(List<Finding> findings, ScanCoverage coverage) {}

    static Parsed parse(byte[] nessus) {
        Document doc;
        try {
            doc = SecureXml.parse(nessus);
        } catch (SAXException e) {
            throw new ScannerResponseException(TenableCall.DOWNLOAD + " answered malformed XML: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!"NessusClientData_v2".equals(root.getTagName())) {
            throw new ScannerResponseException(TenableCall.DOWNLOAD + " answered " + root.getTagName()
                    + " instead of a .nessus report (NessusClientData_v2)", null);
        }
        List<Finding> findings = new ArrayList<>();
        NodeList items = root.getElementsByTagName("ReportItem");
        for (int i = 0; i < items.getLength(); i++) {
            findings.add(finding((Element) items.item(i)));
        }
        List<ScanCoverage.Host> hosts = new ArrayList<>();
        NodeList reportHosts = root.getElementsByTagName("ReportHost");
        for (int i = 0; i < reportHosts.getLength(); i++) {
            hosts.add(host((Element) reportHosts.item(i)));
        }
        return new Parsed(findings, new ScanCoverage(hosts, hosts.isEmpty() ? "the export lists no ReportHost"
                : "the export lists " + hosts.size() + " ReportHost(s)"));
    }

    /**
     * A {@code ReportHost} by its {@code host-ip} tag (else its name). It was scanned to the end when its
     * {@code HostProperties} carry {@code HOST_END}, which Tenable writes when it finishes a host, and no plugin
     * reports it dead (plugin 10180, "Ping the remote host", says "considered as dead" when it gave up).
     */
    private static ScanCoverage.Host host(Element reportHost) {
        Map<String, String> tags = new java.util.HashMap<>();
        Element properties = SecureXml.child(reportHost, "HostProperties");
        if (properties != null) {
            for (Node n = properties.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element tag && tag.getTagName().equals("tag")) {
                    tags.put(tag.getAttribute("name"), tag.getTextContent().trim());
                }
            }
        }
        String address = tags.getOrDefault("host-ip", reportHost.getAttribute("name"));
        if (isDead(reportHost)) {
            return new ScanCoverage.Host(address, false, "Tenable considered the host dead (plugin " + DEAD_HOST_PLUGIN + ")");
        }
        String end = tags.get("HOST_END");
        return end == null || end.isBlank()
                ? new ScanCoverage.Host(address, false, "the ReportHost has no HOST_END: Tenable did not finish this host")
                : new ScanCoverage.Host(address, true, "HOST_END " + end);
    }

    private static boolean isDead(Element reportHost) {
        NodeList items = reportHost.getElementsByTagName("ReportItem");
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            if (DEAD_HOST_PLUGIN.equals(item.getAttribute("pluginID"))) {
                String output = SecureXml.childText(item, "plugin_output");
                if (output != null && output.toLowerCase(Locale.ROOT).contains("considered as dead")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Finding finding(Element item) {
        String plugin = item.getAttribute("pluginID");
        if (plugin.isBlank()) {
            throw new ScannerResponseException(TenableCall.DOWNLOAD + " has a ReportItem without a pluginID", null);
        }
        String port = item.getAttribute("port");
        boolean onPort = port.matches("\\d{1,5}") && Integer.parseInt(port) > 0;
        String protocol = item.getAttribute("protocol").toLowerCase(Locale.ROOT);
        return new Finding(plugin, severity(item, plugin), item.getAttribute("pluginName"), cves(item),
                onPort ? Integer.valueOf(port) : null, onPort && !protocol.isEmpty() ? protocol : null);
    }

    private static int severity(Element item, String plugin) {
        String severity = item.getAttribute("severity");
        if (severity.matches("[0-4]")) {
            return Integer.parseInt(severity) + 1;
        }
        String risk = SecureXml.childText(item, "risk_factor");
        Integer rated = risk == null ? null : RISK_FACTORS.get(risk.toLowerCase(Locale.ROOT));
        if (rated == null) {
            throw new ScannerResponseException(TenableCall.DOWNLOAD + " gave plugin " + plugin + " the severity '" + severity
                    + "' and the risk factor '" + risk + "' (expected 0-4 or None/Low/Medium/High/Critical)", null);
        }
        return rated;
    }

    private static List<String> cves(Element item) {
        List<String> cves = new ArrayList<>();
        for (Node n = item.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("cve")) {
                String cve = e.getTextContent().trim();
                if (CVE.matcher(cve).matches() && !cves.contains(cve)) {
                    cves.add(cve);
                }
            }
        }
        return cves;
    }
}
