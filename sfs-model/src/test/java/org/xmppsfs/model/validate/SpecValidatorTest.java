package org.xmppsfs.model.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmppsfs.model.AttachTo;
import org.xmppsfs.model.EncryptedSource;
import org.xmppsfs.model.EsfsCipher;
import org.xmppsfs.model.FileMetadata;
import org.xmppsfs.model.FileSharing;
import org.xmppsfs.model.SharedFileMessage;
import org.xmppsfs.model.Source;
import org.xmppsfs.model.SourceList;
import org.xmppsfs.model.UrlDataSource;
import org.xmppsfs.model.Violation;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;
import org.xmppsfs.model.xml.SfsReader;

class SpecValidatorTest {

    private static final Hash SHA256 = Hash.of(HashAlgorithm.SHA_256, new byte[32]);
    private static final FileMetadata COMPLETE = FileMetadata.builder().name("a.jpg").mediaType("image/jpeg").size(10).hash(SHA256).build();

    private static boolean has(List<Violation> vs, String xep, Violation.Level level, String fragment) {
        return vs.stream().anyMatch(v -> v.xep().equals(xep) && v.level() == level && v.message().contains(fragment));
    }

    private static String example(String name) throws Exception {
        try (InputStream in = SpecValidatorTest.class.getResourceAsStream("/xep-examples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void xep0447_sharingAFile_recommendedMetadataIsReportedAtShouldLevel() {
        List<Violation> vs = SpecValidator.validate(FileSharing.of(FileMetadata.EMPTY, List.of(UrlDataSource.of("https://h/f"))));
        assertTrue(has(vs, "0447", Violation.Level.SHOULD, "no <name>"));
        assertTrue(has(vs, "0447", Violation.Level.SHOULD, "no <media-type>"));
        assertTrue(has(vs, "0447", Violation.Level.SHOULD, "no <size>"));
        assertTrue(has(vs, "0447", Violation.Level.SHOULD, "no <hash>"));
        assertTrue(SpecValidator.validate(FileSharing.of(COMPLETE, List.of(UrlDataSource.of("https://h/f")))).isEmpty());
    }

    @Test
    void xep0448_sharingAFile_encryptedFilesRequireSizeAndHash() {
        Source enc = new EncryptedSource(EsfsCipher.AES_256_GCM_NOPADDING, new byte[32], new byte[12], List.of(),
                List.of(UrlDataSource.of("https://h/e")));
        List<Violation> vs = SpecValidator.validate(FileSharing.of(FileMetadata.builder().name("x").mediaType("a/b").build(), List.of(enc)));
        assertTrue(has(vs, "0448", Violation.Level.MUST, "no <size>"));
        assertTrue(has(vs, "0448", Violation.Level.MUST, "no <hash>"));
    }

    @Test
    void xep0300_3_digestLengthMismatchIsReportedNotRefusedWhenReading() throws Exception {
        // CHECKLIST §4 [U]: the XEP-0447 example's id-blake2b256 value is 20 bytes (a SHA-1 digest).
        String xml = example("xep-0447-ex01-sharing-summit-jpg-with-juliet-shakespeare-lit.xml");
        SharedFileMessage m = SfsReader.strict().parseMessage(xml);
        List<Violation> vs = SpecValidator.validate(m);
        assertTrue(has(vs, "0300", Violation.Level.MUST, "digests are 32 bytes, this one is 20"), vs.toString());
    }

    @Test
    void xep0414_sha1IsReportedAsShouldNot() throws Exception {
        FileMetadata f = SfsReader.strict().fileMetadata(SfsReader.strict().tree(example("xep-0446-ex01-element-format.xml"))).value();
        assertTrue(has(SpecValidator.validate(f), "0414", Violation.Level.SHOULD, "'sha-1' SHOULD NOT"));
    }

    @Test
    void xep0446_elementFormat_pathElementsInNameAreReported() {
        FileMetadata f = COMPLETE.toBuilder().name("../../etc/passwd").build();
        assertTrue(has(SpecValidator.validate(f), "0446", Violation.Level.SHOULD, "path elements"));
    }

    @Test
    void xep0447_security_plainHttpWithoutSupportedHashIsFlagged() {
        FileMetadata noHash = FileMetadata.builder().name("a").mediaType("a/b").size(1).build();
        List<Violation> vs = SpecValidator.validate(FileSharing.of(noHash, List.of(UrlDataSource.of("http://h/f"))));
        assertTrue(has(vs, "0447", Violation.Level.SHOULD, "receivers MUST ignore it"));
        assertTrue(has(vs, "0447", Violation.Level.SHOULD, "not a secure protocol"));
    }

    @Test
    void xep0447_multipleFiles_idsMustBePresentAndDistinct() {
        FileSharing a = FileSharing.pending(COMPLETE).withId("x");
        SharedFileMessage dup = SharedFileMessage.builder().share(a).share(a).storeHint().build();
        assertTrue(has(SpecValidator.validate(dup), "0447", Violation.Level.MUST, "share the id 'x'"));
        SharedFileMessage missing = SharedFileMessage.builder().share(a).share(FileSharing.pending(COMPLETE)).storeHint().build();
        assertTrue(has(SpecValidator.validate(missing), "0447", Violation.Level.MUST, "has no 'id'"));
    }

    @Test
    void xep0447_sharingAFile_fallbackBodyWithoutIndicatorIsAMustViolation() {
        FileSharing fs = FileSharing.of(COMPLETE, List.of(UrlDataSource.of("https://h/f")));
        SharedFileMessage m = SharedFileMessage.builder().share(fs).body("https://h/f").outOfBandData("https://h/f").build();
        assertTrue(has(SpecValidator.validate(m), "0447", Violation.Level.MUST, "has no <fallback"));
    }

    @Test
    void xep0447_sharingAFile_fallbackBodyMustNotAddInformation() {
        FileSharing fs = FileSharing.of(COMPLETE, List.of(UrlDataSource.of("https://h/f")));
        SharedFileMessage m = SharedFileMessage.builder().share(fs).fallbackBody("secret https://h/f").outOfBandData("https://h/f").build();
        assertTrue(has(SpecValidator.validate(m), "0447", Violation.Level.MUST, "'secret'"));
    }

    @Test
    void xep0447_sharingAFile_oobAndStoreHintAreRecommended() {
        FileSharing fs = FileSharing.of(COMPLETE, List.of(UrlDataSource.of("https://h/f")));
        List<Violation> vs = SpecValidator.validate(SharedFileMessage.builder().share(fs).build());
        assertTrue(has(vs, "0447", Violation.Level.SHOULD, "jabber:x:oob"));
        assertTrue(has(vs, "0447", Violation.Level.SHOULD, "<store"));
    }

    @Test
    void xep0447_attachingASource_topLevelSourcesNeedAttachTo() throws Exception {
        SharedFileMessage m = SfsReader.strict().parseMessage("<message xmlns='jabber:client'><sources xmlns='urn:xmpp:sfs:0'>"
                + "<url-data xmlns='http://jabber.org/protocol/url-data' target='https://h/f'/></sources><store xmlns='urn:xmpp:hints'/></message>");
        assertTrue(has(SpecValidator.validate(m), "0447", Violation.Level.MUST, "without an XEP-0367 <attach-to/>"));
    }

    @Test
    void messagesBuiltByTheBuildersAreClean() {
        FileSharing fs = FileSharing.of(COMPLETE, List.of(UrlDataSource.of("https://h/f")));
        assertEquals(List.of(), SpecValidator.validate(SharedFileMessage.share(fs)));
        assertEquals(List.of(), SpecValidator.validate(SharedFileMessage.share(FileSharing.pending(COMPLETE))));
        assertEquals(List.of(), SpecValidator.validate(SharedFileMessage.attach(new AttachTo("m1"),
                SourceList.of("fs1", List.of(UrlDataSource.of("https://h/f"))))));
    }
}
