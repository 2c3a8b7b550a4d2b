package io.gilder.scanner.qualys;

import io.gilder.error.ScannerRejectedException;
import io.gilder.error.ScannerResponseException;
import io.gilder.scan.ScanProgress;
import io.gilder.scan.ScanStatus;
import io.gilder.scanner.SecureXml;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads the XML answers of the Qualys calls Gilder makes; anything unexpected names the call. */
final class QualysResponses {

    /** Qualys scan states (STATUS/STATE of the scan list) and what they mean for Gilder. */
    static final Map<String, ScanStatus> STATES = Map.of(
            "Submitted", ScanStatus.QUEUED,
            "Queued", ScanStatus.QUEUED,
            "Loading", ScanStatus.QUEUED,
            "Running", ScanStatus.RUNNING,
            "Paused", ScanStatus.PAUSED,
            "Finished", ScanStatus.FINISHED,
            "Error", ScanStatus.FAILED,
            "Canceled", ScanStatus.CANCELED);

    /**
     * Sub-states of {@code Finished} after which the results can show the target: none at all, or
     * {@code No_Vuln} (the scan completed and found no vulnerability). The results must still name the target's
     * IP ({@code ScanProof}). Any other sub-state of {@code Finished} is {@link ScanStatus#NOT_SCANNED}: fail closed.
     */
    static final java.util.Set<String> FINISHED_SCANNED = java.util.Set.of("No_Vuln");

    /** Sub-states of {@code Finished} that Qualys documents as "nothing was scanned", with their meaning for people. */
    static final Map<String, String> FINISHED_NOT_SCANNED = Map.of(
            "No_Host", "no host was alive: the scanner appliance could not reach the test instance (check its network path "
                    + "and the ScannerSourceCidr / scanner security group)");

    private QualysResponses() {}

    /** The {@code SIMPLE_RETURN} in {@code body}, or empty when {@code body} is not one (or not XML at all). */
    static Optional<SimpleReturn> simpleReturn(byte[] body) {
        try {
            return SimpleReturn.from(SecureXml.parse(body));
        } catch (SAXException e) {
            return Optional.empty();
        }
    }

    /** Checks that an add-IP or similar write call succeeded. */
    static void requireSuccess(QualysCall call, byte[] body) {
        SimpleReturn answer = simpleReturnOf(call, body);
        if (answer.isError()) {
            throw new ScannerRejectedException(call + " was rejected (" + answer.describe() + ")");
        }
    }

    /** The {@code REFERENCE} of the scan a launch call started, e.g. {@code scan/1510690390.39640}. */
    static String scanReference(QualysCall call, byte[] body) {
        SimpleReturn answer = simpleReturnOf(call, body);
        if (answer.isError()) {
            throw new ScannerRejectedException(call + " was rejected (" + answer.describe() + ")");
        }
        String reference = answer.items().get("REFERENCE");
        if (reference == null || reference.isBlank()) {
            throw new ScannerResponseException(call + " answered without a scan REFERENCE (" + answer.describe() + ")", null);
        }
        return reference;
    }

    /** One scan of a {@code SCAN_LIST_OUTPUT}: its reference, title and {@code STATUS/STATE} (null when not shown). */
    record ListedScan(String ref, String title, String state) {}

    /** Every scan of a {@code SCAN_LIST_OUTPUT} (none when Qualys lists none). */
    static java.util.List<ListedScan> scans(QualysCall call, byte[] body) {
        NodeList scans = scanList(call, body).getElementsByTagName("SCAN");
        java.util.List<ListedScan> listed = new java.util.ArrayList<>();
        for (int i = 0; i < scans.getLength(); i++) {
            Element scan = (Element) scans.item(i);
            Element status = SecureXml.child(scan, "STATUS");
            String ref = SecureXml.childText(scan, "REF");
            if (ref == null || ref.isBlank()) {
                throw new ScannerResponseException(call + " listed a scan without a REF", null);
            }
            listed.add(new ListedScan(ref, SecureXml.childText(scan, "TITLE"), status == null ? null : SecureXml.childText(status, "STATE")));
        }
        return listed;
    }

    /** The state of scan {@code scanRef} in a {@code SCAN_LIST_OUTPUT}. */
    static ScanProgress scanProgress(QualysCall call, byte[] body, String scanRef) {
        NodeList scans = scanList(call, body).getElementsByTagName("SCAN");
        for (int i = 0; i < scans.getLength(); i++) {
            Element scan = (Element) scans.item(i);
            if (scanRef.equals(SecureXml.childText(scan, "REF"))) {
                return progress(call, scanRef, scan);
            }
        }
        throw new ScannerResponseException(call + " does not list scan " + scanRef
                + " (scans are listed for 30 days after launch; was it deleted?)", null);
    }

    private static Element scanList(QualysCall call, byte[] body) {
        Document doc = document(call, body);
        Element root = doc.getDocumentElement();
        if (!"SCAN_LIST_OUTPUT".equals(root.getTagName())) {
            SimpleReturn other = SimpleReturn.from(doc).orElse(null);
            if (other != null && other.isError()) {
                throw new ScannerRejectedException(call + " was rejected (" + other.describe() + ")");
            }
            throw new ScannerResponseException(call + " answered " + root.getTagName() + " instead of SCAN_LIST_OUTPUT", null);
        }
        return root;
    }

    private static ScanProgress progress(QualysCall call, String scanRef, Element scan) {
        Element status = SecureXml.child(scan, "STATUS");
        String state = status == null ? null : SecureXml.childText(status, "STATE");
        if (state == null || !STATES.containsKey(state)) {
            throw new ScannerResponseException(call + " gave scan " + scanRef + " the unknown state '" + state + "'", null);
        }
        String subState = SecureXml.childText(status, "SUB_STATE");
        boolean plain = subState == null || subState.isEmpty();
        String words = plain ? state : state + " (" + subState + ")";
        ScanStatus meaning = STATES.get(state);
        if (meaning == ScanStatus.FINISHED && !plain && !FINISHED_SCANNED.contains(subState)) {
            return new ScanProgress(ScanStatus.NOT_SCANNED, words + ": " + FINISHED_NOT_SCANNED.getOrDefault(subState,
                    "a sub-state Gilder does not know, so it cannot count as a scan of the target"));
        }
        return new ScanProgress(meaning, words);
    }

    private static SimpleReturn simpleReturnOf(QualysCall call, byte[] body) {
        Document doc = document(call, body);
        return SimpleReturn.from(doc).orElseThrow(() -> new ScannerResponseException(
                call + " answered " + doc.getDocumentElement().getTagName() + " instead of SIMPLE_RETURN", null));
    }

    private static Document document(QualysCall call, byte[] body) {
        try {
            return SecureXml.parse(body);
        } catch (SAXException e) {
            throw new ScannerResponseException(call + " answered malformed XML: " + e.getMessage(), e);
        }
    }
}
