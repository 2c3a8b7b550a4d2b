package io.gilder.scanner.tenable;

import io.gilder.error.ScannerResponseException;
import io.gilder.scan.Finding;
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
 * (None, Low, Medium, High, Critical). Informational items are kept, as severity 1.
 */
final class TenableFindings {

    static final String CONTENT_TYPE = "application/xml";
    private static final Map<String, Integer> RISK_FACTORS = Map.of("none", 1, "low", 2, "medium", 3, "high", 4, "critical", 5);
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

    private TenableFindings() {}

    static List<Finding> parse(byte[] nessus) {
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
        return findings;
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
