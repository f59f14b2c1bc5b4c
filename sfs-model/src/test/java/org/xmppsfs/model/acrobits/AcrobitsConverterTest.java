package org.xmppsfs.model.acrobits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xmppsfs.model.EncryptedSource;
import org.xmppsfs.model.EsfsCipher;
import org.xmppsfs.model.FileMetadata;
import org.xmppsfs.model.FileSharing;
import org.xmppsfs.model.JinglePubSource;
import org.xmppsfs.model.SharedFileMessage;
import org.xmppsfs.model.UnknownSource;
import org.xmppsfs.model.UrlDataSource;
import org.xmppsfs.model.Violation;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;
import org.xmppsfs.model.validate.SpecValidator;
import org.xmppsfs.model.xml.SfsReader;

/** Acrobits x-acro-filetransfer+json ↔ XEP-0447, following the field list of the Acrobits documentation. */
class AcrobitsConverterTest {

    /** The documentation's example, with a full-length key. */
    private static final String EXAMPLE = "{\"body\":\"Nice pics\",\"attachments\":[{\"content-type\":\"image/jpeg\","
            + "\"content-url\":\"https://mmmsg.example/abc\",\"content-size\":20000,\"filename\":\"x.jpg\",\"description\":\"d\","
            + "\"encryption-key\":\"0102f03cab0102f03cab0102f03cab01\",\"hash\":\"12638292\","
            + "\"preview\":{\"content-type\":\"image/jpeg\",\"content\":\"AAEC\"}}]}";

    @Test
    void parsesTheDocumentedFields() throws Exception {
        AcroFileTransfer t = AcroFileTransfer.parse(EXAMPLE);
        assertEquals(Optional.of("Nice pics"), t.body());
        AcroAttachment a = t.attachments().get(0);
        assertEquals("https://mmmsg.example/abc", a.contentUrl());
        assertEquals(20000L, a.contentSize().getAsLong());
        assertEquals(16, a.encryptionKey().orElseThrow().length);
        assertEquals(Optional.of("12638292"), a.crc32());
        assertEquals("AAEC", a.preview().orElseThrow().contentBase64());
        assertEquals(t, AcroFileTransfer.parse(t.toJson()));
    }

    @Test
    void defaultsAndLooseNumbersAreHandled() throws Exception {
        AcroFileTransfer t = AcroFileTransfer.parse("{\"attachments\":[{\"content-url\":\"https://h/p\",\"content-size\":\"12\",\"hash\":99}]}");
        AcroAttachment a = t.attachments().get(0);
        assertEquals("image/jpeg", a.effectiveContentType(), "Acrobits' default content type");
        assertEquals(12L, a.contentSize().getAsLong());
        assertEquals(Optional.of("99"), a.crc32());
    }

    @Test
    void refusesWhatWouldBiteLater() {
        assertThrows(AcroFormatException.class, () -> AcroFileTransfer.parse("{\"attachments\":[{}]}"));
        assertThrows(AcroFormatException.class, () -> AcroFileTransfer.parse("{\"attachments\":[{\"content-url\":\"u\",\"encryption-key\":\"zz\"}]}"));
        assertThrows(AcroFormatException.class, () -> AcroFileTransfer.parse("{\"attachments\":[{\"content-url\":\"u\",\"encryption-key\":\"0102\"}]}"));
        assertThrows(AcroFormatException.class, () -> AcroFileTransfer.parse("{\"attachments\":{}}"));
        assertThrows(AcroFormatException.class, () -> AcroFileTransfer.parse("not json"));
    }

    @Test
    void encryptedAttachmentBecomesAnAesCtrSourceThatSurvivesXmlAndComesBack() throws Exception {
        AcroFileTransfer t = AcroFileTransfer.parse(EXAMPLE);
        SharedFileMessage m = AcrobitsConverter.toSharedFileMessage(t);
        FileSharing fs = m.fileSharings().get(0);
        assertEquals(Optional.of("x.jpg"), fs.file().name());
        assertEquals(20000L, fs.file().size().getAsLong());
        assertTrue(fs.file().thumbnails().get(0).uri().startsWith("data:image/jpeg;base64,AAEC"));
        UnknownSource ctr = (UnknownSource) fs.sourceList().get(0);
        assertEquals(AcrobitsConverter.AES_CTR_NAMESPACE, ctr.element().namespace());
        assertEquals(Optional.of("Nice pics"), m.body());

        // Through XML and back: the project-namespace source is kept verbatim by any reader.
        SharedFileMessage reread = SfsReader.strict().parseMessage(m.toXml(Optional.empty(), Optional.empty(), Optional.empty()));
        AcroConversion<AcroFileTransfer> back = AcrobitsConverter.fromSharedFileMessage(reread);
        assertEquals(t, back.value());
        assertTrue(back.isLossless(), back.losses().toString());
    }

    @Test
    void missingContentTypeIsWrittenExplicitlyEachWay() throws Exception {
        AcroFileTransfer t = AcroFileTransfer.parse("{\"attachments\":[{\"content-url\":\"https://h/p\"}]}");
        FileSharing fs = AcrobitsConverter.toSharedFileMessage(t).fileSharings().get(0);
        assertEquals(Optional.of("image/jpeg"), fs.file().mediaType());
        FileSharing noType = FileSharing.of(FileMetadata.builder().name("a.bin").build(), List.of(UrlDataSource.of("https://h/a.bin")));
        AcroAttachment a = AcrobitsConverter.fromFileSharing(noType, new ArrayList<>()).orElseThrow();
        assertEquals(Optional.of("application/octet-stream"), a.contentType(), "XEP-0446 default, not Acrobits' image/jpeg");
    }

    @Test
    void severalAttachmentsGetDistinctIdsAndAValidMessage() throws Exception {
        AcroFileTransfer t = AcroFileTransfer.parse("{\"attachments\":[{\"content-url\":\"https://h/1\"},{\"content-url\":\"https://h/2\"}]}");
        SharedFileMessage m = AcrobitsConverter.toSharedFileMessage(t);
        assertEquals(Optional.of("1"), m.fileSharings().get(0).id());
        assertEquals(Optional.of("2"), m.fileSharings().get(1).id());
        assertTrue(SpecValidator.validate(m).stream().noneMatch(v -> v.xep().equals("0447") && v.level() == Violation.Level.MUST));
    }

    @Test
    void lossesFromXep0447AreReported() {
        FileSharing fs = FileSharing.of(
                FileMetadata.builder().name("a.jpg").mediaType("image/jpeg").size(1).width(1).height(1)
                        .hash(Hash.of(HashAlgorithm.SHA_256, new byte[32])).build(),
                List.of(new EncryptedSource(EsfsCipher.AES_256_GCM_NOPADDING, new byte[32], new byte[12], List.of(), List.of(UrlDataSource.of("https://h/e"))),
                        UrlDataSource.of("https://h/a.jpg"),
                        new JinglePubSource("a@b/c", "x", List.of(), List.of(), Optional.empty(), List.of())))
                .withId("f1");
        SharedFileMessage m = SharedFileMessage.share(fs);
        AcroConversion<AcroFileTransfer> c = AcrobitsConverter.fromSharedFileMessage(m);
        assertEquals("https://h/a.jpg", c.value().attachments().get(0).contentUrl());
        String losses = String.join("\n", c.losses());
        assertTrue(losses.contains("XEP-0448 encrypted"), losses);
        assertTrue(losses.contains("XEP-0300 hashes dropped"), losses);
        assertTrue(losses.contains("jinglepub"), losses);
        assertTrue(losses.contains("date/width/height/length"), losses);
        assertTrue(losses.contains("fallback body dropped"), losses);
        assertTrue(c.value().body().isEmpty());
    }

    @Test
    void pendingShareIsLeftOutWithAReason() {
        AcroConversion<AcroFileTransfer> c = AcrobitsConverter.fromSharedFileMessage(
                SharedFileMessage.share(FileSharing.pending(FileMetadata.builder().name("p.jpg").build())));
        assertTrue(c.value().attachments().isEmpty());
        assertTrue(c.losses().get(0).contains("sources not attached yet"), c.losses().toString());
    }
}
