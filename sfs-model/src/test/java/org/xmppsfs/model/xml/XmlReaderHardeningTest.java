package org.xmppsfs.model.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The reader refuses hostile XML (RFC 6120 §11.1: no DTDs or entity declarations in XMPP) and enforces its limits. */
class XmlReaderHardeningTest {

    private final XmlReader reader = new XmlReader(ParserLimits.DEFAULT);

    @Test
    void internalEntityExpansionIsRefused() {
        String bomb = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;&lol;&lol;'>]>"
                + "<file xmlns='urn:xmpp:file:metadata:0'><name>&lol2;</name></file>";
        SfsParseException e = assertThrows(SfsParseException.class, () -> reader.read(bomb));
        assertEquals("xml", e.element());
    }

    @Test
    void externalEntitiesAreNeverFetched() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE f [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><f>&x;</f>";
        SfsParseException e = assertThrows(SfsParseException.class, () -> reader.read(xxe));
        assertTrue(!e.getMessage().contains("root:"), "no file content leaks into the message");
    }

    @Test
    void aBareDoctypeIsRefused() {
        SfsParseException e = assertThrows(SfsParseException.class, () -> reader.read("<!DOCTYPE f><f/>"));
        assertTrue(e.getMessage().contains("DTD"), e.getMessage());
    }

    @Test
    void predefinedAndCharacterReferencesStillWork() throws Exception {
        XmlElement e = reader.read("<n a='&apos;&#x41;'>&lt;&amp;&gt;&#65;<![CDATA[<x>]]></n>");
        assertEquals("<&>A<x>", e.text());
        assertEquals("'A", e.attribute("a").orElseThrow());
    }

    @Test
    void tooDeepIsRefused() {
        String deep = "<a>".repeat(33) + "</a>".repeat(33);
        SfsParseException e = assertThrows(SfsParseException.class, () -> reader.read(deep));
        assertTrue(e.getMessage().contains("deeper than 32"), e.getMessage());
    }

    @Test
    void exactlyTheMaximumDepthIsAccepted() throws Exception {
        reader.read("<a>".repeat(32) + "</a>".repeat(32));
    }

    @Test
    void tooManyElementsAreRefused() {
        String many = "<r>" + "<e/>".repeat(10_000) + "</r>";
        SfsParseException e = assertThrows(SfsParseException.class, () -> reader.read(many));
        assertTrue(e.getMessage().contains("more than 10000 elements"), e.getMessage());
    }

    @Test
    void tooLongTextAndAttributesAreRefused() {
        XmlReader small = new XmlReader(ParserLimits.DEFAULT.withMaxTextLength(100));
        assertThrows(SfsParseException.class, () -> small.read("<r>" + "x".repeat(101) + "</r>"));
        assertThrows(SfsParseException.class, () -> small.read("<r a='" + "x".repeat(101) + "'/>"));
    }

    @Test
    void oversizeInputIsRefusedFromBytesAndStreams() {
        XmlReader small = new XmlReader(ParserLimits.DEFAULT.withMaxInputBytes(1000));
        String big = "<r>" + " ".repeat(2000) + "</r>";
        SfsParseException e = assertThrows(SfsParseException.class, () -> small.read(big));
        assertTrue(e.getMessage().contains("exceeds 1000 bytes"), e.getMessage());
        InputStream stream = new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8));
        SfsParseException s = assertThrows(SfsParseException.class, () -> small.read(stream));
        assertTrue(s.getMessage().contains("exceeds 1000 bytes"), s.getMessage());
    }

    @Test
    void malformedXmlIsAParseError() {
        assertThrows(SfsParseException.class, () -> reader.read("<a><b></a>"));
        assertThrows(SfsParseException.class, () -> reader.read(""));
        assertThrows(SfsParseException.class, () -> reader.read("<a xmlns:p='x'><q:b/></a>"));
    }

    @Test
    void commentsAndProcessingInstructionsAreDropped() throws Exception {
        XmlElement e = reader.read("<?xml version='1.0'?><r><!-- c --><?pi x?><s/></r>");
        assertEquals(1, e.children().size());
    }

    @Test
    void oneReaderServesManyThreadsAtOnce() throws Exception {
        SfsReader shared = SfsReader.strict();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String id = "id-" + i;
                results.add(pool.submit(() -> shared.parseSources("<sources xmlns='urn:xmpp:sfs:0' id='" + id + "'>"
                        + "<url-data xmlns='http://jabber.org/protocol/url-data' target='https://h/" + id + "'/></sources>")
                        .id().orElseThrow().equals(id)));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
