package io.gilder.scanner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses scanners' XML (Qualys answers, Tenable {@code .nessus} exports) safely. Qualys documents start
 * with a {@code DOCTYPE} naming a DTD on the API server, so DOCTYPEs cannot be refused outright; instead
 * nothing external is ever fetched (no DTD, no external entity, no XInclude) and entity expansion is
 * bounded (secure processing), which rules out XXE and entity-expansion attacks from a hostile or spoofed server.
 */
public final class SecureXml {

    private static final DocumentBuilderFactory FACTORY = secureFactory();

    private SecureXml() {}

    /** @throws SAXException when {@code body} is not well-formed XML */
    public static Document parse(byte[] body) throws SAXException {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            builder.setErrorHandler(RAISE);
            return builder.parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException("the JDK XML parser cannot be set up: " + e.getMessage(), e);
        }
    }

    /** The first direct child element of {@code parent} named {@code name}, or null. */
    public static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The trimmed text (CDATA included) of the child element {@code name}, or null when there is none. */
    public static String childText(Element parent, String name) {
        Element child = child(parent, name);
        return child == null ? null : child.getTextContent().trim();
    }

    private static DocumentBuilderFactory secureFactory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            f.setValidating(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a security feature: " + e.getMessage(), e);
        }
    }

    /** Turns every parser complaint into an exception instead of printing it to stderr. */
    private static final ErrorHandler RAISE = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings (e.g. an unused DTD) do not make a document unreadable
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
