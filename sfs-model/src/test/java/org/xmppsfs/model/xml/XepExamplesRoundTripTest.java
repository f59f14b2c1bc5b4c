package org.xmppsfs.model.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xmppsfs.model.Disposition;
import org.xmppsfs.model.EncryptedSource;
import org.xmppsfs.model.EsfsCipher;
import org.xmppsfs.model.FileMetadata;
import org.xmppsfs.model.FileSharing;
import org.xmppsfs.model.JinglePubSource;
import org.xmppsfs.model.Namespaces;
import org.xmppsfs.model.SharedFileMessage;
import org.xmppsfs.model.UrlDataSource;
import org.xmppsfs.model.hash.HashAlgorithm;

/**
 * Every example of XEP-0446, XEP-0447 and XEP-0448 reads, writes and reads back to an equal model, and the
 * written XML is semantically equal to the example (except where the example elides content).
 */
class XepExamplesRoundTripTest {

    static Stream<String> examples() throws IOException, URISyntaxException {
        Path dir = Path.of(XepExamplesRoundTripTest.class.getResource("/xep-examples").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml")).sorted().toList();
            return names.stream();
        }
    }

    static String load(String name) throws IOException {
        try (InputStream in = XepExamplesRoundTripTest.class.getResourceAsStream("/xep-examples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** XEP-0447 ex02/ex03 show only the message-level companions and elide the file-sharing content. */
    private static boolean elided(String name) {
        return name.startsWith("xep-0447-ex02") || name.startsWith("xep-0447-ex03");
    }

    @Test
    void allFifteenExampleDocumentsArePresent() throws Exception {
        assertEquals(15, examples().count());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void parseWriteParseGivesAnEqualModel(String name) throws Exception {
        SfsReader lenient = SfsReader.lenient();
        XmlElement original = lenient.tree(load(name));
        Object model = lenient.any(original).value();
        XmlElement written = write(model);
        Object again = lenient.any(lenient.tree(XmlWriter.write(written))).value();
        assertEquals(model, again, name);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void writtenXmlIsSemanticallyTheExample(String name) throws Exception {
        if (elided(name)) {
            return;
        }
        SfsReader strict = SfsReader.strict();
        XmlElement original = strict.tree(load(name));
        Object model = strict.any(original).value();
        XmlElement written = write(model);
        if (original.name().equals("message")) {
            // Stanza attributes (to/from) are the stanza's, not the model's; compare the children.
            assertEquals(XmlCanon.canonUnordered(stripped(original)), XmlCanon.canonUnordered(stripped(written)), name);
        } else {
            assertEquals(XmlCanon.canon(original), XmlCanon.canon(written), name);
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void strictReadingAcceptsEveryCompleteExample(String name) throws Exception {
        SfsReader strict = SfsReader.strict();
        if (elided(name)) {
            // XEP-0447 §Sharing a file: <file-sharing/> includes an XEP-0446 <file/>; the elided examples have none.
            SfsParseException e = assertThrows(SfsParseException.class, () -> strict.any(strict.tree(load(name))));
            assertEquals("file-sharing", e.element());
            assertTrue(e.getMessage().contains("XEP-0447"), e.getMessage());
        } else {
            assertTrue(strict.any(strict.tree(load(name))).isClean());
        }
    }

    @Test
    void xep0447SharingSummitReadsEveryField() throws Exception {
        SharedFileMessage m = SfsReader.strict().parseMessage(load("xep-0447-ex01-sharing-summit-jpg-with-juliet-shakespeare-lit.xml"));
        assertEquals(Optional.of("sharing-a-file"), m.id());
        FileSharing fs = m.fileSharings().get(0);
        assertEquals(Optional.of(Disposition.INLINE), fs.disposition());
        assertEquals(Optional.of("image/jpeg"), fs.file().mediaType());
        assertEquals(Optional.of("summit.jpg"), fs.file().name());
        assertEquals(3032449L, fs.file().size().getAsLong());
        assertEquals(4096, fs.file().width().getAsInt());
        assertEquals(2160, fs.file().height().getAsInt());
        assertEquals(2, fs.file().hashes().size());
        assertEquals("id-blake2b256", fs.file().hashes().get(1).algo(), "the algo is kept as spelled");
        assertEquals(Optional.of(HashAlgorithm.BLAKE2B_256), fs.file().hashes().get(1).algorithm());
        assertEquals("Photo from the summit.", fs.file().descs().get(0).text());
        assertEquals(128, fs.file().thumbnails().get(0).width().getAsInt());
        assertEquals(Optional.of("image/png"), fs.file().thumbnails().get(0).mediaType());
        UrlDataSource url = (UrlDataSource) fs.sourceList().get(0);
        assertEquals("https://download.montague.lit/4a771ac1-f0b2-4a4a-9700-f2a26fa2bb67/summit.jpg", url.target());
        JinglePubSource jp = (JinglePubSource) fs.sourceList().get(1);
        assertEquals("romeo@montague.lit/resource", jp.from());
        assertEquals("9559976B-3FBF-4E7E-B457-2DAA225972BB", jp.id());
        assertEquals("urn:xmpp:jingle:apps:file-transfer:5", jp.descriptions().get(0).namespace());
        assertFalse(m.storeHint());
    }

    @Test
    void xep0448EncryptedExampleReadsKeyIvAndNestedSources() throws Exception {
        SharedFileMessage m = SfsReader.strict().parseMessage(load("xep-0448-ex01-sharing-summit-jpg-with-juliet-shakespeare-lit-using-encrypt.xml"));
        FileSharing fs = m.fileSharings().get(0);
        EncryptedSource enc = (EncryptedSource) fs.sourceList().get(0);
        assertEquals(EsfsCipher.AES_256_GCM_NOPADDING, enc.cipher());
        assertEquals(32, enc.key().length);
        assertEquals(12, enc.iv().length);
        assertEquals(2, enc.hashes().size());
        assertEquals("https://download.montague.lit/4a771ac1-f0b2-4a4a-9700-f2a26fa2bb67/encrypted.jpg",
                ((UrlDataSource) enc.sources().get(0)).target());
        // CHECKLIST §3: the legacy <dimension> is kept verbatim and still yields the size.
        assertTrue(fs.file().width().isEmpty());
        assertEquals(4096, fs.file().dimensions().orElseThrow().width());
        assertEquals(2160, fs.file().dimensions().orElseThrow().height());
        assertTrue(SfsWriter.toXml(fs).contains("<dimension>4096x2160</dimension>"));
    }

    @Test
    void xep0447AttachingExampleReadsAttachToAndTopLevelSources() throws Exception {
        SharedFileMessage m = SfsReader.strict().parseMessage(load("xep-0447-ex05b-sharing-a-file-and-attaching-the-primary-source-for-the-file.xml"));
        assertEquals("sharing-a-file", m.attachTo().orElseThrow().id());
        assertEquals(Optional.of("file-sharing-id"), m.attachedSources().get(0).id());
        assertTrue(m.hasSfsFallback());
        assertEquals(Optional.of("https://download.montague.lit/4a771ac1-f0b2-4a4a-9700-f2a26fa2bb67/summit.jpg"), m.body());
        assertEquals(m.body().get(), m.outOfBandData().get(0).url());
        assertTrue(m.attachedSourcesPayload().isPresent());
    }

    @Test
    void xep0446ExampleKeepsTheDateOffset() throws Exception {
        var file = SfsReader.strict().fileMetadata(SfsReader.strict().tree(load("xep-0446-ex01-element-format.xml"))).value();
        assertEquals("2015-07-26T21:46+01:00", file.date().orElseThrow().toString());
        assertTrue(SfsWriter.toXml(file).contains("<date>2015-07-26T21:46:00+01:00</date>"));
    }

    private static XmlElement write(Object model) {
        if (model instanceof SharedFileMessage m) {
            return SfsWriter.message(m, Namespaces.CLIENT, Optional.empty(), Optional.empty(), Optional.empty());
        } else if (model instanceof FileMetadata f) {
            return SfsWriter.element(f);
        } else if (model instanceof FileSharing fs) {
            return SfsWriter.element(fs);
        }
        throw new AssertionError("unexpected " + model.getClass());
    }

    /** The message without its stanza attributes, with its namespace normalised to jabber:client. */
    private static XmlElement stripped(XmlElement message) {
        List<XmlNode> children = message.children().stream()
                .map(n -> n instanceof XmlElement e && e.name().equals("body") && e.namespace().isEmpty()
                        ? new XmlElement(Namespaces.CLIENT, "body", "", e.attributes(), e.children()) : n)
                .toList();
        return new XmlElement(Namespaces.CLIENT, "message", "", List.of(), children);
    }
}
