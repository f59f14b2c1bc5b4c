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
            r = hardenedFactory().createXMLStreamReader(limited);
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
        Deque<Frame> stack = new ArrayDeque<>();
        XmlElement root = null;
        int elements = 0;
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.DTD ->
                        throw new SfsParseException("xml", "DTDs are not allowed (XMPP forbids them, RFC 6120 §11.1)");
                case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new SfsParseException("xml", "entity reference '&" + r.getLocalName() + ";' is not allowed");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (root != null) {
                        throw new SfsParseException("xml", "more than one root element");
                    }
                    if (++elements > limits.maxElements()) {
                        throw new SfsParseException(r.getLocalName(), "more than " + limits.maxElements() + " elements");
                    }
                    if (stack.size() + 1 > limits.maxDepth()) {
                        throw new SfsParseException(r.getLocalName(), "nesting deeper than " + limits.maxDepth());
                    }
                    stack.push(startFrame(r));
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    Frame f = stack.pop();
                    XmlElement e = new XmlElement(f.namespace, f.name, f.prefix, f.attributes, f.children);
                    if (stack.isEmpty()) {
                        root = e;
                    } else {
                        stack.peek().children.add(e);
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!stack.isEmpty()) {
                        String text = r.getText();
                        Frame f = stack.peek();
                        f.textLength += text.length();
                        if (f.textLength > limits.maxTextLength()) {
                            throw new SfsParseException(f.name, "text longer than " + limits.maxTextLength() + " characters");
                        }
                        f.children.add(new XmlText(text));
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

    private Frame startFrame(XMLStreamReader r) throws SfsParseException {
        Frame f = new Frame(nullToEmpty(r.getNamespaceURI()), r.getLocalName(), nullToEmpty(r.getPrefix()));
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String value = r.getAttributeValue(i);
            if (value.length() > limits.maxTextLength()) {
                throw new SfsParseException(f.name, "attribute '" + r.getAttributeLocalName(i) + "' longer than "
                        + limits.maxTextLength() + " characters");
            }
            f.attributes.add(new XmlAttribute(nullToEmpty(r.getAttributeNamespace(i)), nullToEmpty(r.getAttributePrefix(i)),
                    r.getAttributeLocalName(i), value));
        }
        return f;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static final class Frame {
        final String namespace;
        final String name;
        final String prefix;
        final List<XmlAttribute> attributes = new ArrayList<>();
        final List<XmlNode> children = new ArrayList<>();
        long textLength;

        Frame(String namespace, String name, String prefix) {
            this.namespace = namespace;
            this.name = name;
            this.prefix = prefix;
        }
    }

    /** Counts bytes and fails once the limit is passed, before the parser buffers more. */
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
