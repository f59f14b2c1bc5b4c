package org.xmppsfs.component.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code demo-upload}: a deliberately tiny XMPP client (plain TCP, SASL PLAIN, resource binding) that asks an
 * upload service for an XEP-0363 slot, PUTs a file and prints the GET URL. For demonstrations and smoke tests on
 * loopback only: it never uses TLS, so it must not be pointed at a server over a network.
 */
@Command(name = "demo-upload", hidden = true, description = "Upload FILE through an XEP-0363 service (loopback demo client, no TLS).")
final class DemoUpload implements Callable<Integer> {

    @Option(names = "--server", defaultValue = "127.0.0.1", description = "c2s host")
    String server;

    @Option(names = "--port", defaultValue = "5222", description = "c2s port")
    int port;

    @Option(names = "--jid", required = true, description = "user@domain")
    String jid;

    @Option(names = "--password", required = true)
    String password;

    @Option(names = "--service", required = true, description = "the upload component's JID")
    String service;

    @Option(names = "--content-type", defaultValue = "application/octet-stream")
    String contentType;

    @Parameters(paramLabel = "FILE")
    Path file;

    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";

    @Override
    public Integer call() throws Exception {
        String user = jid.substring(0, jid.indexOf('@'));
        String domain = jid.substring(jid.indexOf('@') + 1);
        long size = Files.size(file);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server, port), 10_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            Stream stream = Stream.open(domain, in, out);
            Element features = stream.next();
            if (features.element("mechanisms") == null || !features.element("mechanisms").asXML().contains(">PLAIN<")) {
                System.err.println("demo-upload: the server offers no SASL PLAIN without TLS");
                return 1;
            }
            String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
            send(out, "<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + token + "</auth>");
            Element auth = stream.next();
            if (!"success".equals(auth.getName())) {
                System.err.println("demo-upload: authentication failed: " + auth.asXML());
                return 1;
            }
            stream = Stream.open(domain, in, out); // RFC 6120 §6.4.6: restart the stream after SASL
            stream.next(); // features
            send(out, "<iq type='set' id='bind1'><bind xmlns='" + BIND + "'><resource>demo</resource></bind></iq>");
            Element bound = stream.nextIq("bind1");
            if (!"result".equals(bound.attributeValue("type"))) {
                System.err.println("demo-upload: resource binding failed: " + bound.asXML());
                return 1;
            }
            Element request = DocumentHelper.createElement(QName.get("request", "urn:xmpp:http:upload:0"));
            request.addAttribute("filename", file.getFileName().toString());
            request.addAttribute("size", Long.toString(size));
            request.addAttribute("content-type", contentType);
            send(out, "<iq type='get' id='slot1' to='" + escape(service) + "'>" + request.asXML() + "</iq>");
            Element answer = stream.nextIq("slot1");
            if (!"result".equals(answer.attributeValue("type"))) {
                System.err.println("demo-upload: slot refused: " + answer.asXML());
                return 1;
            }
            Element slot = answer.element("slot");
            Element put = slot.element("put");
            String getUrl = slot.element("get").attributeValue("url");
            HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(put.attributeValue("url")))
                    .header("Content-Type", contentType)
                    .PUT(HttpRequest.BodyPublishers.ofFile(file));
            for (Element h : put.elements("header")) {
                String name = h.attributeValue("name").replaceAll("[\r\n]", "");
                if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Cookie") || name.equalsIgnoreCase("Expires")) {
                    http.header(name, h.getText().replaceAll("[\r\n]", ""));
                }
            }
            HttpResponse<String> response = HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201 && response.statusCode() != 200) {
                System.err.println("demo-upload: PUT answered " + response.statusCode() + ": " + response.body());
                return 1;
            }
            send(out, "</stream:stream>");
            System.out.println(getUrl);
            return 0;
        }
    }

    private static void send(OutputStream out, String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("'", "&apos;").replace("<", "&lt;");
    }

    /** One XML stream: reads top-level stanzas as dom4j elements (namespaces kept, jabber:client dropped). */
    private static final class Stream {
        private final XMLStreamReader reader;

        private Stream(XMLStreamReader reader) {
            this.reader = reader;
        }

        static Stream open(String domain, InputStream in, OutputStream out) throws IOException, XMLStreamException {
            send(out, "<?xml version='1.0'?><stream:stream to='" + escape(domain) + "' version='1.0' xmlns='jabber:client' "
                    + "xmlns:stream='http://etherx.jabber.org/streams'>");
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            XMLStreamReader reader = factory.createXMLStreamReader(new UnclosableInput(in), "UTF-8");
            while (reader.next() != XMLStreamConstants.START_ELEMENT) {
                // skip the prolog up to <stream:stream>
            }
            return new Stream(reader);
        }

        /** The next top-level element. */
        Element next() throws XMLStreamException {
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    return read();
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    throw new XMLStreamException("the server closed the stream");
                }
            }
            throw new XMLStreamException("the stream ended");
        }

        /** The IQ with this id, skipping everything else (presence, messages). */
        Element nextIq(String id) throws XMLStreamException {
            for (;;) {
                Element e = next();
                if ("error".equals(e.getName()) && "http://etherx.jabber.org/streams".equals(e.getNamespaceURI())) {
                    throw new XMLStreamException("stream error: " + e.asXML());
                }
                if ("iq".equals(e.getName()) && id.equals(e.attributeValue("id"))) {
                    return e;
                }
            }
        }

        private Element read() throws XMLStreamException {
            String ns = reader.getNamespaceURI();
            Element e = "jabber:client".equals(ns) || ns == null
                    ? DocumentHelper.createElement(reader.getLocalName())
                    : DocumentHelper.createElement(QName.get(reader.getLocalName(), ns));
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                e.addAttribute(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
            }
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    e.add(read());
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    e.addText(reader.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    return e;
                }
            }
            throw new XMLStreamException("the stream ended inside <" + e.getName() + ">");
        }
    }

    /** Reads one byte at a time so a stream restart can hand the socket to a new parser without losing buffered bytes. */
    private static final class UnclosableInput extends InputStream {
        private final InputStream in;

        UnclosableInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            // one byte at a time: the parser must not read past the SASL <success/> before the restart
            if (len == 0) {
                return 0;
            }
            int c = in.read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }

        @Override
        public void close() {
            // the socket is closed by its owner
        }
    }

}
