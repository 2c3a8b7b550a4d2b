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

    /** The state of scan {@code scanRef} in a {@code SCAN_LIST_OUTPUT}. */
    static ScanProgress scanProgress(QualysCall call, byte[] body, String scanRef) {
        Document doc = document(call, body);
        Element root = doc.getDocumentElement();
        if (!"SCAN_LIST_OUTPUT".equals(root.getTagName())) {
            SimpleReturn other = SimpleReturn.from(doc).orElse(null);
            if (other != null && other.isError()) {
                throw new ScannerRejectedException(call + " was rejected (" + other.describe() + ")");
            }
            throw new ScannerResponseException(call + " answered " + root.getTagName() + " instead of SCAN_LIST_OUTPUT", null);
        }
        NodeList scans = root.getElementsByTagName("SCAN");
        for (int i = 0; i < scans.getLength(); i++) {
            Element scan = (Element) scans.item(i);
            if (scanRef.equals(SecureXml.childText(scan, "REF"))) {
                return progress(call, scanRef, scan);
            }
        }
        throw new ScannerResponseException(call + " does not list scan " + scanRef
                + " (scans are listed for 30 days after launch; was it deleted?)", null);
    }

    private static ScanProgress progress(QualysCall call, String scanRef, Element scan) {
        Element status = SecureXml.child(scan, "STATUS");
        String state = status == null ? null : SecureXml.childText(status, "STATE");
        if (state == null || !STATES.containsKey(state)) {
            throw new ScannerResponseException(call + " gave scan " + scanRef + " the unknown state '" + state + "'", null);
        }
        String subState = SecureXml.childText(status, "SUB_STATE");
        return new ScanProgress(STATES.get(state), subState == null || subState.isEmpty() ? state : state + " (" + subState + ")");
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
