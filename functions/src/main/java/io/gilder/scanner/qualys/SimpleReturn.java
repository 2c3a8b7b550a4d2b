package io.gilder.scanner.qualys;

import io.gilder.scanner.SecureXml;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Qualys' {@code SIMPLE_RETURN} document, the answer of most write calls and of every error:
 * {@code RESPONSE} with {@code DATETIME}, optional {@code CODE} (set on errors), {@code TEXT} and an
 * {@code ITEM_LIST} of {@code KEY}/{@code VALUE} pairs (e.g. {@code REFERENCE} of a launched scan).
 *
 * @param code  Qualys error code, or null on success
 * @param text  Qualys' message, possibly empty
 * @param items the {@code ITEM_LIST} pairs in document order
 */
record SimpleReturn(String code, String text, Map<String, String> items) {

    /** Reads a {@code SIMPLE_RETURN} document, or empty when {@code doc} is another kind of document. */
    static Optional<SimpleReturn> from(Document doc) {
        Element root = doc.getDocumentElement();
        if (!"SIMPLE_RETURN".equals(root.getTagName())) {
            return Optional.empty();
        }
        Element response = SecureXml.child(root, "RESPONSE");
        if (response == null) {
            return Optional.empty();
        }
        Map<String, String> items = new LinkedHashMap<>();
        NodeList list = response.getElementsByTagName("ITEM");
        for (int i = 0; i < list.getLength(); i++) {
            Element item = (Element) list.item(i);
            items.put(SecureXml.childText(item, "KEY"), SecureXml.childText(item, "VALUE"));
        }
        return Optional.of(new SimpleReturn(SecureXml.childText(response, "CODE"),
                Optional.ofNullable(SecureXml.childText(response, "TEXT")).orElse(""), items));
    }

    boolean isError() {
        return code != null;
    }

    /** e.g. {@code code 1905: parameter option_title has invalid value} */
    String describe() {
        return (code == null ? "" : "code " + code + ": ") + text;
    }
}
