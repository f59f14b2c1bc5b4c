package org.xmppsfs.model.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads untrusted bytes into an {@link XmlElement} tree with the JDK StAX parser, hardened: no DTD, no
 * external or internal entities, and the {@link ParserLimits} enforced while reading (not afterwards), so a
 * hostile document is refused before it costs memory. Thread-safe.
 */
public final class XmlReader {

    private final ParserLimits limits;

    public XmlReader(ParserLimits limits) {
        this.limits = limits;
    }

    /**
     * A fresh factory per document: StAX factories are not guaranteed thread-safe (the JDK's reuses one reader
     * instance between calls), and this reader is shared between threads. {@code newDefaultFactory()} is the JDK's
     * own implementation, whatever else is on the class path, so the hardening below is known to apply.
     */
    private static XMLInputFactory hardenedFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Entity references (other than the five predefined ones and character references) surface as
        // ENTITY_REFERENCE events, which are refused below, instead of being expanded.
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_VALIDATING, false);
        factory.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external resources are not loaded: " + systemId);
        });
        return factory;
    }

    public ParserLimits limits() {
        return limits;
    }

    public XmlElement read(String xml) throws SfsParseException {
        return read(xml.getBytes(StandardCharsets.UTF_8));
    }

    public XmlElement read(byte[] xml) throws SfsParseException {
        if (xml.length > limits.maxInputBytes()) {
            throw tooLarge();
        }
        return read(new ByteArrayInputStream(xml));
    }

    /** Reads one document from the stream (not closed). */
    public XmlElement read(InputStream in) throws SfsParseException {
        LimitedInputStream limited = new LimitedInputStream(in, limits.maxInputBytes());
        XMLStreamReader r = null;
        try {
            r = openParser(limited);
            return readDocument(r);
        } catch (XMLStreamException e) {
            if (limited.exceeded) {
                throw tooLarge();
            }
            throw new SfsParseException("xml", "not well-formed: " + e.getMessage(), e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing was left to release
                }
            }
        }
    }

    private SfsParseException tooLarge() {
        return new SfsParseException("xml", "input exceeds " + limits.maxInputBytes() + " bytes");
    }

    private XmlElement readDocument(XMLStreamReader r) throws XMLStreamException, SfsParseException {
        checkDeclaration(r);
        TreeBudget budget = new TreeBudget(limits);
        Deque<OpenElement> stack = new ArrayDeque<>();
        XmlElement root = null;
        while (parserHasNext(r)) {
            int event = parserNext(r);
            switch (event) {
                case XMLStreamConstants.DTD ->
                        throw new SfsParseException("xml", "DTDs are not allowed (XMPP forbids them, RFC 6120 §11.1)");
                case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new SfsParseException("xml", "entity reference '&" + r.getLocalName() + ";' is not allowed");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (root != null) {
                        throw new SfsParseException("xml", "more than one root element");
                    }
                    budget.element(r.getLocalName(), stack.size() + 1, r.getAttributeCount() + r.getNamespaceCount());
                    stack.push(startFrame(r, budget));
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlElement e = stack.pop().close();
                    if (stack.isEmpty()) {
                        root = e;
                    } else {
                        stack.peek().child(e);
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!stack.isEmpty()) {
                        stack.peek().text(r.getText());
                    }
                }
                default -> {
                    // comments, processing instructions, document start/end: not kept
                }
            }
        }
        if (root == null) {
            throw new SfsParseException("xml", "no root element");
        }
        return root;
    }

    /**
     * XMPP is XML 1.0 in UTF-8 (RFC 6120 §11.6, §11.8). XML 1.1 would let control characters in through character
     * references, which no XML 1.0 writer can put back out; another declared encoding would make the same bytes
     * mean something else here than on the wire.
     */
    private static void checkDeclaration(XMLStreamReader r) throws SfsParseException {
        String version = r.getVersion();
        if (version != null && !version.equals("1.0")) {
            throw new SfsParseException("xml", "XML version '" + version + "' is not allowed, only 1.0 (RFC 6120 §11.8)");
        }
        String encoding = r.getCharacterEncodingScheme();
        if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
            throw new SfsParseException("xml", "encoding '" + encoding + "' is not allowed, only UTF-8 (RFC 6120 §11.6)");
        }
    }

    /** Opening reads the XML declaration already; see {@link #parserNext}. */
    private static XMLStreamReader openParser(InputStream in) throws XMLStreamException {
        XMLInputFactory factory = hardenedFactory();
        try {
            return factory.createXMLStreamReader(in);
        } catch (RuntimeException e) {
            throw new XMLStreamException("the XML parser failed on this input: " + e, e);
        }
    }

    /**
     * The JDK parser reports some malformed input with an unchecked exception rather than an
     * {@link XMLStreamException} (a DOCTYPE with a stray character makes it look up an error message it does not
     * have: {@code MissingResourceException: InvalidCharInDTD}, found by fuzzing). Whatever it throws while
     * reading is unreadable input.
     */
    private static int parserNext(XMLStreamReader r) throws XMLStreamException {
        try {
            return r.next();
        } catch (RuntimeException e) {
            throw new XMLStreamException("the XML parser failed on this input: " + e, e);
        }
    }

    private static boolean parserHasNext(XMLStreamReader r) throws XMLStreamException {
        try {
            return r.hasNext();
        } catch (RuntimeException e) {
            throw new XMLStreamException("the XML parser failed on this input: " + e, e);
        }
    }

    private static OpenElement startFrame(XMLStreamReader r, TreeBudget budget) throws SfsParseException {
        OpenElement f = new OpenElement(budget, nullToEmpty(r.getNamespaceURI()), r.getLocalName(), nullToEmpty(r.getPrefix()));
        for (int i = 0; i < r.getAttributeCount(); i++) {
            f.attribute(new XmlAttribute(nullToEmpty(r.getAttributeNamespace(i)), nullToEmpty(r.getAttributePrefix(i)),
                    r.getAttributeLocalName(i), r.getAttributeValue(i)));
        }
        return f;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static final class LimitedInputStream extends InputStream {
        private final InputStream in;
        private final long max;
        private long count;
        boolean exceeded;

        LimitedInputStream(InputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, (int) Math.min(len, Math.max(1, max - count + 1)));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > max) {
                exceeded = true;
                throw new IOException("input exceeds " + max + " bytes");
            }
        }
    }
}
