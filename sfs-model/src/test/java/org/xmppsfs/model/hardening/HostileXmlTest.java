package org.xmppsfs.model.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppsfs.model.inspect.Inspect;
import org.xmppsfs.model.xml.ParserLimits;
import org.xmppsfs.model.xml.SfsParseException;
import org.xmppsfs.model.xml.SfsReader;
import org.xmppsfs.model.xml.XmlElement;
import org.xmppsfs.model.xml.XmlText;

/**
 * Hostile SFS input through {@link SfsReader}, strict and lenient alike: each attack is refused with a typed
 * {@link SfsParseException} that names the element and the limit or rule, within the default
 * {@link ParserLimits} (depth 32, 10,000 elements, 1 MiB of text per element, 4 MiB of input, 128 attributes per
 * element). Memory is shown to be bounded by counting what the parser read from a generated stream: a hostile
 * document is given up on after at most the input limit, however long it is. RFC 6120 §11.1 forbids DTDs and
 * entity declarations in XMPP; §11.6 and §11.8 make it XML 1.0 in UTF-8.
 */
class HostileXmlTest {

    private static final ParserLimits LIMITS = ParserLimits.DEFAULT;
    private static final List<SfsReader> READERS = List.of(SfsReader.strict(), SfsReader.lenient());
    private static final String SFS = "urn:xmpp:sfs:0";
    private static final String URL_DATA = "http://jabber.org/protocol/url-data";
    private static final String MESSAGE_HEAD = "<message xmlns='jabber:client' id='m1'><file-sharing xmlns='" + SFS + "'>"
            + "<file xmlns='urn:xmpp:file:metadata:0'><name>a.jpg</name>";

    /** Refused by every reader (limits are not rules: the lenient reader refuses as well), with this element and message. */
    private static SfsParseException refused(String element, String messagePart, ThrowingRead read) {
        SfsParseException last = null;
        for (SfsReader reader : READERS) {
            Executable call = () -> read.read(reader);
            SfsParseException e = assertThrows(SfsParseException.class, call);
            assertEquals(element, e.element(), e.getMessage());
            assertTrue(e.getMessage().contains(messagePart), () -> "expected '" + messagePart + "' in: " + e.getMessage());
            assertTrue(e.violation().isEmpty(), "hostile input is unreadable, not a rule violation");
            last = e;
        }
        return last;
    }

    @FunctionalInterface
    interface ThrowingRead {
        Object read(SfsReader reader) throws Exception;
    }

    private static ThrowingRead tree(String document) {
        return reader -> reader.tree(document);
    }

    private static ThrowingRead tree(byte[] document) {
        return reader -> reader.tree(document);
    }

    // ------------------------------------------------------------------ entities and DTDs

    @Test
    void billionLaughsIsRefusedBeforeAnyExpansion() {
        StringBuilder dtd = new StringBuilder("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol0 'lol'>");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" '").append(("&lol" + (i - 1) + ";").repeat(10)).append("'>");
        }
        String bomb = dtd.append("]><message xmlns='jabber:client'><body>&lol9;</body></message>").toString();
        refused("xml", "DTDs are not allowed (XMPP forbids them, RFC 6120 §11.1)", tree(bomb));
        refused("xml", "DTDs are not allowed", reader -> reader.parseMessage(bomb));
    }

    @Test
    void externalFileEntityIsRefusedAndNothingOfTheFileLeaks() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE m [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<message xmlns='jabber:client'><body>&x;</body></message>";
        SfsParseException e = refused("xml", "DTDs are not allowed", tree(xxe));
        assertFalse(e.getMessage().contains("root:"), e.getMessage());
    }

    @Test
    void externalHttpEntityIsNeverFetched() throws Exception {
        try (NoFetchServer server = new NoFetchServer()) {
            String xxe = "<!DOCTYPE m [<!ENTITY x SYSTEM '" + server.url("/entity") + "'>]><message xmlns='jabber:client'><body>&x;</body></message>";
            refused("xml", "DTDs are not allowed", tree(xxe));
            assertEquals(0, server.connectionsSoFar());
        }
    }

    @Test
    void externalDtdIsNeverFetched() throws Exception {
        try (NoFetchServer server = new NoFetchServer()) {
            String doc = "<!DOCTYPE sources SYSTEM '" + server.url("/sfs.dtd") + "'><sources xmlns='" + SFS + "'/>";
            refused("xml", "DTDs are not allowed", tree(doc));
            String withPublicId = "<!DOCTYPE sources PUBLIC '-//X//Y' '" + server.url("/sfs.dtd") + "'><sources xmlns='" + SFS + "'/>";
            refused("xml", "DTDs are not allowed", tree(withPublicId));
            assertEquals(0, server.connectionsSoFar());
        }
    }

    @Test
    void parameterEntitiesAreRefusedAndNeverFetched() throws Exception {
        try (NoFetchServer server = new NoFetchServer()) {
            String doc = "<!DOCTYPE sources [<!ENTITY % remote SYSTEM '" + server.url("/pe") + "'> %remote;"
                    + "<!ENTITY % local '<!ENTITY x \"y\">'> %local;]><sources xmlns='" + SFS + "'>&x;</sources>";
            refused("xml", "DTDs are not allowed", tree(doc));
            assertEquals(0, server.connectionsSoFar());
        }
    }

    /**
     * Found by fuzzing: on this DOCTYPE the JDK parser throws {@code MissingResourceException} (it looks up an
     * error message it does not have) instead of an XMLStreamException; it is still a typed refusal.
     */
    @Test
    void aDoctypeThatBreaksTheJdkParserIsStillATypedRefusal() {
        byte[] doc = "<!DOCTYPE m [YSTEM '0'>\u0000>".getBytes(StandardCharsets.UTF_8);
        refused("xml", "not well-formed: the XML parser failed on this input: java.util.MissingResourceException", tree(doc));
    }

    @Test
    void anUndeclaredEntityReferenceIsRefused() {
        refused("xml", "The entity \"x\" was referenced, but not declared", tree("<sources xmlns='" + SFS + "'>&x;</sources>"));
    }

    // ------------------------------------------------------------------ processing instructions and comments

    /**
     * Decision: comments and processing instructions are read past and dropped, never kept or acted on. The
     * reader also reads files (inspect) and elements that an XMPP server has already accepted; refusing a stanza
     * for a comment would help no one. They cost nothing beyond the input limit, and the text around them reads
     * as one run (a fuzzing finding: before, a dropped comment left two text nodes, so writing and re-reading
     * changed the tree).
     */
    @Test
    void commentsAndProcessingInstructionsAreDroppedAndNeverActedOn() throws Exception {
        try (NoFetchServer server = new NoFetchServer()) {
            String doc = "<?xml-stylesheet type='text/xsl' href='" + server.url("/s.xsl") + "'?><!-- before -->"
                    + "<sources xmlns='" + SFS + "'>one<!-- c --><?pi data?>two<url-data xmlns='" + URL_DATA
                    + "' target='https://h.example/f'/></sources><!-- after --><?pi after?>";
            for (SfsReader reader : READERS) {
                XmlElement tree = reader.tree(doc);
                assertEquals(List.of(new XmlText("onetwo")), tree.children().subList(0, 1), "one text run around the comment");
                assertEquals(1, tree.elements().size());
                assertEquals(1, reader.sourceList(tree).value().sources().size());
            }
            assertEquals(0, server.connectionsSoFar());
        }
    }

    @Test
    void aDocumentOfCommentsStillStopsAtTheInputLimit() {
        GeneratedInputStream comments = new GeneratedInputStream("<sources xmlns='" + SFS + "'><!--", "comment ", "--></sources>", 100L << 20);
        SfsParseException e = assertThrows(SfsParseException.class, () -> SfsReader.lenient().tree(comments));
        assertEquals("xml: input exceeds 4194304 bytes", e.getMessage());
        assertTrue(comments.bytesRead() <= LIMITS.maxInputBytes() + 1, "read " + comments.bytesRead());
    }

    // ------------------------------------------------------------------ structure limits

    @Test
    void tenThousandDeepNestingIsRefusedAfterReadingLittle() {
        String head = "<sources xmlns='" + SFS + "'>";
        GeneratedInputStream deep = new GeneratedInputStream(head, "<a>", "", head.length() + 3L * 10_000);
        SfsParseException e = assertThrows(SfsParseException.class, () -> SfsReader.strict().tree(deep));
        assertEquals("a: nesting deeper than 32", e.getMessage());
        assertTrue(deep.bytesRead() < deep.totalLength(), "refused before the end: read " + deep.bytesRead());
        refused("a", "nesting deeper than 32", tree(head + "<a>".repeat(10_000) + "</a>".repeat(10_000) + "</sources>"));
    }

    @Test
    void hundredThousandSourcesHitTheElementLimit() {
        String source = "<url-data xmlns='" + URL_DATA + "' target='https://h.example/f'/>";
        String head = "<sources xmlns='" + SFS + "'>";
        long total = head.length() + (long) source.length() * 100_000 + "</sources>".length();
        GeneratedInputStream many = new GeneratedInputStream(head, source, "</sources>", total);
        SfsParseException e = assertThrows(SfsParseException.class, () -> SfsReader.strict().tree(many));
        assertEquals("url-data: more than 10000 elements", e.getMessage());
        assertTrue(many.bytesRead() < total / 5, "refused after about a tenth: read " + many.bytesRead() + " of " + total);
        String inMemory = head + source.repeat(100_000) + "</sources>";
        refused("xml", "input exceeds 4194304 bytes", reader -> reader.parseSources(inMemory));
        String justUnderTheInputLimit = head + source.repeat(40_000) + "</sources>";
        refused("url-data", "more than 10000 elements", reader -> reader.parseSources(justUnderTheInputLimit));
    }

    @ParameterizedTest
    @ValueSource(ints = {129, 1_000, 9_000})
    void manyAttributesAreRefused(int count) {
        StringBuilder doc = new StringBuilder("<sources xmlns='" + SFS + "'><url-data xmlns='" + URL_DATA + "' target='https://h/'");
        for (int i = 0; i < count; i++) {
            doc.append(" a").append(i).append("='v'");
        }
        doc.append("/></sources>");
        refused("url-data", "more than 128 attributes and namespace declarations", tree(doc.toString()));
    }

    @Test
    void aHundredThousandAttributesAreRefusedByTheParserItself() {
        StringBuilder doc = new StringBuilder("<sources xmlns='" + SFS + "'");
        for (int i = 0; i < 100_000; i++) {
            doc.append(" a").append(i).append("='v'");
        }
        refused("xml", "attributes", tree(doc.append("/>").toString()));
    }

    @Test
    void manyNamespaceDeclarationsAreRefused() {
        StringBuilder doc = new StringBuilder("<sources xmlns='" + SFS + "'");
        for (int i = 0; i < 10_000; i++) {
            doc.append(" xmlns:p").append(i).append("='urn:example:").append(i).append("'");
        }
        refused("sources", "more than 128 attributes and namespace declarations", tree(doc.append("/>").toString()));
    }

    // ------------------------------------------------------------------ text limits

    @Test
    void megabytesOfBase64InAHashAreRefusedByTheTextLimit() {
        String head = "<file-sharing xmlns='" + SFS + "'><file xmlns='urn:xmpp:file:metadata:0'><hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>";
        String tail = "</hash></file></file-sharing>";
        GeneratedInputStream twoMegabytes = new GeneratedInputStream(head, "QUFB", tail, 2L << 20);
        SfsParseException e = assertThrows(SfsParseException.class, () -> SfsReader.strict().tree(twoMegabytes));
        assertEquals("hash: text longer than 1048576 characters", e.getMessage());
        refused("hash", "text longer than 1048576 characters", reader -> reader.parseFileSharing(head + "QUFB".repeat(300_000) + tail));
        GeneratedInputStream hundredMegabytes = new GeneratedInputStream(head, "QUFB", tail, 100L << 20);
        SfsParseException big = assertThrows(SfsParseException.class, () -> SfsReader.strict().tree(hundredMegabytes));
        assertEquals("xml: input exceeds 4194304 bytes", big.getMessage());
        assertTrue(hundredMegabytes.bytesRead() <= LIMITS.maxInputBytes() + 1, "read " + hundredMegabytes.bytesRead());
    }

    @Test
    void megabytesOfBase64InAKeyAreRefusedByTheTextLimit() {
        String doc = "<sources xmlns='" + SFS + "'><encrypted xmlns='urn:xmpp:esfs:0' cipher='urn:xmpp:ciphers:aes-256-gcm-nopadding:0'>"
                + "<key>" + "QUFB".repeat(300_000) + "</key><iv>AAAAAAAAAAAAAAAA</iv><sources xmlns='" + SFS + "'/></encrypted></sources>";
        refused("key", "text longer than 1048576 characters", reader -> reader.parseSources(doc));
    }

    @Test
    void aHugeAttributeValueIsRefused() {
        String doc = "<sources xmlns='" + SFS + "'><url-data xmlns='" + URL_DATA + "' target='https://h.example/"
                + "a".repeat(2 << 20) + "'/></sources>";
        refused("url-data", "attribute 'target' longer than 1048576 characters", tree(doc));
    }

    @Test
    void aStanzaWithATenMegabyteDescIsRefusedAtTheInputLimit() {
        String tail = "</file></file-sharing></message>";
        GeneratedInputStream stanza = new GeneratedInputStream(MESSAGE_HEAD + "<desc>", "Lorem ipsum ", "</desc>" + tail, 10L << 20);
        SfsParseException e = assertThrows(SfsParseException.class, () -> SfsReader.strict().tree(stanza));
        assertEquals("xml: input exceeds 4194304 bytes", e.getMessage());
        assertTrue(stanza.bytesRead() <= LIMITS.maxInputBytes() + 1, "read " + stanza.bytesRead());
        String inMemory = MESSAGE_HEAD + "<desc>" + "x".repeat(10 << 20) + "</desc>" + tail;
        refused("xml", "input exceeds 4194304 bytes", reader -> reader.parseMessage(inMemory));
    }

    @Test
    void aHundredMegabyteStreamIsRefusedAfterReadingOnlyTheInputLimit() {
        GeneratedInputStream stream = new GeneratedInputStream(MESSAGE_HEAD + "<desc>", "x", "</desc></file></file-sharing></message>", 100L << 20);
        SfsParseException e = assertThrows(SfsParseException.class, () -> SfsReader.lenient().tree(stream));
        assertEquals("xml: input exceeds 4194304 bytes", e.getMessage());
        assertTrue(stream.bytesRead() <= LIMITS.maxInputBytes() + 1, "read " + stream.bytesRead() + " of " + stream.totalLength());
    }

    @Test
    void inspectReportsAnOversizeStanzaAsUnparseable() {
        GeneratedInputStream stanza = new GeneratedInputStream(MESSAGE_HEAD + "<desc>", "y", "</desc></file></file-sharing></message>", 10L << 20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Inspect.run(stanza, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(Inspect.UNPARSEABLE, status);
        String json = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", "");
        assertTrue(json.contains("\"reason\":\"inputexceeds4194304bytes\""), json);
        assertTrue(stanza.bytesRead() <= LIMITS.maxInputBytes() + 1);
    }

    // ------------------------------------------------------------------ bytes and characters

    @ParameterizedTest
    @ValueSource(strings = {"C328", "C0AF", "80", "EDA080", "F4908080", "FF", "E282"})
    void invalidUtf8IsRefused(String hex) {
        byte[] bad = java.util.HexFormat.of().parseHex(hex);
        byte[] head = ("<sources xmlns='" + SFS + "' id='").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "'/>".getBytes(StandardCharsets.UTF_8);
        byte[] doc = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, doc, 0, head.length);
        System.arraycopy(bad, 0, doc, head.length, bad.length);
        System.arraycopy(tail, 0, doc, head.length + bad.length, tail.length);
        refused("xml", "UTF-8", tree(doc));
        refused("xml", "UTF-8", reader -> reader.tree(new ByteArrayInputStream(doc)));
    }

    @Test
    void nulIsRefusedRawOrAsACharacterReference() {
        refused("xml", "An invalid XML character (Unicode: 0x0)", tree("<sources xmlns='" + SFS + "' id='a\u0000b'/>"));
        refused("xml", "An invalid XML character (Unicode: 0x0)", tree("<sources xmlns='" + SFS + "'>a\u0000b</sources>"));
        refused("xml", "Character reference \"&#0\" is an invalid XML character", tree("<sources xmlns='" + SFS + "'>&#0;</sources>"));
        refused("xml", "invalid XML character", tree("<sources xmlns='" + SFS + "'>\u0001</sources>"));
    }

    @Test
    void xml11IsRefusedSoControlCharactersCannotComeInByReference() {
        refused("xml", "XML version '1.1' is not allowed, only 1.0 (RFC 6120 §11.8)",
                tree("<?xml version='1.1'?><sources xmlns='" + SFS + "' id='&#1;'/>"));
    }

    @Test
    void anEncodingOtherThanUtf8IsRefused() {
        byte[] latin1 = ("<?xml version='1.0' encoding='ISO-8859-1'?><sources xmlns='" + SFS + "' id='\u00e9'/>").getBytes(StandardCharsets.ISO_8859_1);
        refused("xml", "encoding 'ISO-8859-1' is not allowed, only UTF-8 (RFC 6120 §11.6)", tree(latin1));
        refused("xml", "", tree(("<?xml version='1.0' encoding='UTF-16'?><sources xmlns='" + SFS + "'/>").getBytes(StandardCharsets.UTF_16)));
    }

    @Test
    void aUtf8DeclarationAndNoDeclarationAreBothFine() throws Exception {
        for (SfsReader reader : READERS) {
            assertEquals("s", reader.parseSources("<?xml version='1.0' encoding='utf-8'?><sources xmlns='" + SFS + "' id='s'/>").id().orElseThrow());
            assertEquals("s", reader.parseSources("<sources xmlns='" + SFS + "' id='s'/>").id().orElseThrow());
        }
    }
}
