package org.xmppsfs.model.xml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** One test per reading rule; each names the XEP and section it enforces. */
class SfsReaderRulesTest {

    private static final SfsReader STRICT = SfsReader.strict();
    private static final SfsReader LENIENT = SfsReader.lenient();

    private static final String SHA256_A = "2XarmwTlNxDAMkvymloX3S5+VbylNrJt/l5QyPa+YoU=";
    private static final String KEY_256 = "SuRJ2agVm/pQbJQlPq/B23Xt1YOOJCcEGJA5HrcYOGQ=";
    private static final String IV_96 = "T8RDMBaiqn6Ci4Nw";

    static String fileSharing(String fileChildren, String sources) {
        return "<file-sharing xmlns='urn:xmpp:sfs:0'><file xmlns='urn:xmpp:file:metadata:0'>" + fileChildren + "</file>"
                + (sources == null ? "" : "<sources>" + sources + "</sources>") + "</file-sharing>";
    }

    static String hash(String algo, String value) {
        return "<hash xmlns='urn:xmpp:hashes:2' algo='" + algo + "'>" + value + "</hash>";
    }

    static String encrypted(String cipher, String key, String iv) {
        return "<encrypted xmlns='urn:xmpp:esfs:0' cipher='" + cipher + "'>" + (key == null ? "" : "<key>" + key + "</key>")
                + (iv == null ? "" : "<iv>" + iv + "</iv>")
                + "<sources xmlns='urn:xmpp:sfs:0'><url-data xmlns='http://jabber.org/protocol/url-data' target='https://h/e'/></sources></encrypted>";
    }

    private static SfsParseException strictFails(String xml) {
        return assertThrows(SfsParseException.class, () -> STRICT.any(STRICT.tree(xml)));
    }

    private static SfsParseException alwaysFails(String xml) {
        assertThrows(SfsParseException.class, () -> LENIENT.any(LENIENT.tree(xml)));
        return strictFails(xml);
    }

    private static List<Violation> lenientViolations(String xml) throws SfsParseException {
        return LENIENT.any(LENIENT.tree(xml)).violations();
    }

    // ---- XEP-0300 §3 XML Format

    @Test
    void xep0300_3_duplicateAlgoIsRefusedStrictlyAndReportedLeniently() throws Exception {
        String xml = fileSharing(hash("sha-256", SHA256_A) + hash("sha-256", SHA256_A), null);
        SfsParseException e = strictFails(xml);
        assertEquals("hash", e.element());
        assertTrue(e.getMessage().startsWith("hash: duplicate algo 'sha-256'"), e.getMessage());
        assertTrue(e.getMessage().contains("XEP-0300 §3"), e.getMessage());
        List<Violation> v = lenientViolations(xml);
        assertEquals(1, v.size());
        assertEquals("0300", v.get(0).xep());
        assertEquals(2, ((FileSharing) LENIENT.any(LENIENT.tree(xml)).value()).file().hashes().size(), "lenient keeps both");
    }

    @Test
    void xep0300_3_duplicateAlgoIsDetectedAcrossSpellings() {
        // id-blake2b256 (XEP-0447 spelling) and blake2b-256 (XEP-0300 spelling) are the same algorithm.
        String v = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        SfsParseException e = strictFails(fileSharing(hash("blake2b-256", v) + hash("id-blake2b256", v), null));
        assertTrue(e.getMessage().contains("duplicate algo"), e.getMessage());
    }

    @Test
    void xep0300_3_missingAlgoIsUnreadable() {
        SfsParseException e = alwaysFails(fileSharing("<hash xmlns='urn:xmpp:hashes:2'>" + SHA256_A + "</hash>", null));
        assertEquals("hash", e.element());
        assertTrue(e.getMessage().contains("missing 'algo'"), e.getMessage());
    }

    @Test
    void xep0300_3_textThatIsNotBase64IsUnreadable() {
        SfsParseException e = alwaysFails(fileSharing(hash("sha-256", "not*base64!"), null));
        assertEquals("hash", e.element());
        assertTrue(e.getMessage().contains("RFC 4648"), e.getMessage());
    }

    @Test
    void xep0300_3_whitespaceInBase64IsAViolationButDecodes() throws Exception {
        String xml = fileSharing(hash("sha-256", "\n  " + SHA256_A + "\n"), null);
        assertTrue(strictFails(xml).getMessage().contains("whitespace"));
        List<Violation> v = lenientViolations(xml);
        assertEquals(1, v.size());
        FileSharing fs = (FileSharing) LENIENT.any(LENIENT.tree(xml)).value();
        assertEquals(SHA256_A, fs.file().hashes().get(0).base64());
    }

    @Test
    void xep0300_3_nonZeroPaddingBitsAreAViolation() throws Exception {
        // "AB==" decodes to 0x00 but its last character carries non-zero padding bits; the canonical form is "AA==".
        String xml = fileSharing(hash("sha-256", "AB=="), null);
        assertTrue(strictFails(xml).getMessage().contains("not canonical"));
        assertEquals(1, lenientViolations(xml).size());
    }

    @Test
    void xep0300_3_missingPaddingIsAViolation() throws Exception {
        String xml = fileSharing(hash("sha-256", SHA256_A.substring(0, SHA256_A.length() - 1)), null);
        assertTrue(strictFails(xml).getMessage().contains("not canonical"));
    }

    // ---- XEP-0414

    @Test
    void xep0414_md5AndFriendsAreRefused() throws Exception {
        for (String algo : List.of("md5", "MD5", "md4", "md2")) {
            String xml = fileSharing(hash(algo, "1B2M2Y8AsgTpgAmY7PhCfg=="), null);
            SfsParseException e = strictFails(xml);
            assertTrue(e.getMessage().contains("XEP-0414"), e.getMessage());
            assertEquals("0414", lenientViolations(xml).get(0).xep());
        }
    }

    // ---- XEP-0446 §Element format

    @Test
    void xep0446_everyChildIsReadAndOptional() throws Exception {
        FileMetadata f = STRICT.fileMetadata(STRICT.tree("<file xmlns='urn:xmpp:file:metadata:0'>"
                + "<media-type>video/mp4</media-type><name>a b.mp4</name><date>2024-01-02T03:04:05.123Z</date>"
                + "<size>5000000000</size><width>1920</width><height>1080</height><length>63000</length>"
                + "<desc xml:lang='en'>Hello</desc><desc xml:lang='de'>Hallo</desc>"
                + "<thumbnail xmlns='urn:xmpp:thumbs:1' uri='cid:x@bob.xmpp.org'/>"
                + "<custom xmlns='urn:example:x' a='1'>kept</custom></file>")).value();
        assertEquals(5_000_000_000L, f.size().getAsLong(), "sizes over 2 GiB are longs");
        assertEquals(63000L, f.length().getAsLong());
        assertEquals("2024-01-02T03:04:05.123Z", f.date().orElseThrow().toString());
        assertEquals(Optional.of("de"), f.descs().get(1).lang());
        assertEquals("urn:example:x", f.extensions().get(0).namespace());
        assertTrue(SfsWriter.toXml(f).contains("<date>2024-01-02T03:04:05.123Z</date>"));
        assertEquals(f, STRICT.fileMetadata(STRICT.tree(SfsWriter.toXml(f))).value());
        assertEquals(FileMetadata.EMPTY, STRICT.fileMetadata(STRICT.tree("<file xmlns='urn:xmpp:file:metadata:0'/>")).value());
        assertEquals("application/octet-stream", FileMetadata.EMPTY.effectiveMediaType());
    }

    @Test
    void xep0446_descsWithTheSameLangAreAViolation() throws Exception {
        String xml = fileSharing("<desc>one</desc><desc>two</desc>", null);
        assertTrue(strictFails(xml).getMessage().contains("xml:lang"));
        assertEquals("0446", lenientViolations(xml).get(0).xep());
    }

    @Test
    void xep0446_badNumbersAndDatesAreUnreadable() {
        assertEquals("size", alwaysFails(fileSharing("<size>-1</size>", null)).element());
        assertEquals("size", alwaysFails(fileSharing("<size>lots</size>", null)).element());
        assertEquals("width", alwaysFails(fileSharing("<width>99999999999</width>", null)).element());
    }

    @Test
    void xep0446_dateThatIsNotAnXep0082DateTimeIsAViolationAndKeptVerbatim() throws Exception {
        String xml = fileSharing("<date>2015-07-26</date>", null);
        assertEquals("date", strictFails(xml).element());
        FileSharing fs = (FileSharing) LENIENT.any(LENIENT.tree(xml)).value();
        assertTrue(fs.file().date().isEmpty());
        assertEquals("2015-07-26", fs.file().extensions().get(0).text());
        assertEquals("0446", lenientViolations(xml).get(0).xep());
    }

    @Test
    void xep0446_repeatedSingleValuedChildIsKeptAsExtension() throws Exception {
        FileSharing fs = STRICT.parseFileSharing(fileSharing("<name>a</name><name>b</name>", null));
        assertEquals(Optional.of("a"), fs.file().name());
        assertEquals("b", fs.file().extensions().get(0).text());
    }

    @Test
    void xep0264_thumbnailWithoutUriIsUnreadable() {
        assertEquals("thumbnail", alwaysFails(fileSharing("<thumbnail xmlns='urn:xmpp:thumbs:1' width='1'/>", null)).element());
    }

    // ---- XEP-0447 §Sharing a file

    @Test
    void xep0447_fileSharingWithoutFileIsAViolation() throws Exception {
        String xml = "<file-sharing xmlns='urn:xmpp:sfs:0'><sources/></file-sharing>";
        assertEquals("file-sharing", strictFails(xml).element());
        assertEquals(FileMetadata.EMPTY, ((FileSharing) LENIENT.any(LENIENT.tree(xml)).value()).file());
    }

    @Test
    void xep0447_unknownDispositionIsAViolation() throws Exception {
        String xml = "<file-sharing xmlns='urn:xmpp:sfs:0' disposition='sideways'><file xmlns='urn:xmpp:file:metadata:0'/></file-sharing>";
        assertTrue(strictFails(xml).getMessage().contains("disposition"));
        assertEquals(1, lenientViolations(xml).size());
    }

    @Test
    void xep0447_absentAndEmptySourcesAreDistinguished() throws Exception {
        FileSharing pending = STRICT.parseFileSharing(fileSharing("", null));
        FileSharing empty = STRICT.parseFileSharing(fileSharing("", ""));
        assertTrue(pending.isPending());
        assertEquals(Optional.of(List.of()), empty.sources());
        assertTrue(SfsWriter.toXml(empty).contains("<sources/>"));
        assertTrue(!SfsWriter.toXml(pending).contains("sources"));
    }

    @Test
    void xep0447_unknownSourceTypesAreKeptVerbatim() throws Exception {
        FileSharing fs = STRICT.parseFileSharing(fileSharing("", "<magnet xmlns='urn:example:magnet' uri='magnet:?xt=1'><x>y</x></magnet>"));
        UnknownSource u = (UnknownSource) fs.sourceList().get(0);
        assertEquals("magnet", u.element().name());
        assertEquals(fs, STRICT.parseFileSharing(SfsWriter.toXml(fs)));
    }

    // ---- XEP-0103 / XEP-0104

    @Test
    void xep0103_urlDataWithoutTargetIsUnreadable() {
        SfsParseException e = alwaysFails(fileSharing("", "<url-data xmlns='http://jabber.org/protocol/url-data'/>"));
        assertEquals("url-data", e.element());
        assertTrue(e.getMessage().contains("XEP-0103"));
    }

    @Test
    void xep0103_targetThatIsNotAUrlIsAViolation() throws Exception {
        String xml = fileSharing("", "<url-data xmlns='http://jabber.org/protocol/url-data' target='not a url'/>");
        assertTrue(strictFails(xml).getMessage().contains("not a valid URL"));
        assertEquals("0103", lenientViolations(xml).get(0).xep());
    }

    @Test
    void xep0104_authCookieAndHeaderAreReadAndWrittenWithTheHttpPrefix() throws Exception {
        String xml = fileSharing("", "<url-data xmlns='http://jabber.org/protocol/url-data' xmlns:http='http://jabber.org/protocol/url-data/scheme/http'"
                + " target='https://h/f' sid='s1'>"
                + "<http:auth scheme='basic'><http:auth-param name='realm' value='r'/><http:auth-param name='username' value=''/></http:auth>"
                + "<http:cookie name='jsessionid' value='123' domain='h' max-age='1234000' path='/m' comment='c' version='1.0' secure='false'/>"
                + "<http:header name='Custom-Data' value='some custom data'/>"
                + "<http:header name='Cookie'>jsessionid=1324123wdwfq341w1243asdf'</http:header>"
                + "<desc xml:lang='en'>Dept-7</desc></url-data>");
        UrlDataSource u = (UrlDataSource) STRICT.parseFileSharing(xml).sourceList().get(0);
        assertEquals(Optional.of("s1"), u.sid());
        assertEquals("basic", u.auths().get(0).scheme());
        assertEquals("", u.auths().get(0).params().get(1).value());
        assertEquals(1234000L, u.cookies().get(0).effectiveMaxAge());
        assertEquals(Optional.of(false), u.cookies().get(0).secure());
        assertEquals("some custom data", u.headers().get(0).value());
        // CHECKLIST §7 [U]: the XEP-0103 example carries the header value as text content.
        assertEquals("jsessionid=1324123wdwfq341w1243asdf'", u.headers().get(1).value());
        String written = SfsWriter.toXml(u);
        assertTrue(written.contains("xmlns:http='http://jabber.org/protocol/url-data/scheme/http'"), written);
        assertTrue(written.contains("<http:header name='Cookie' value='jsessionid=1324123wdwfq341w1243asdf&apos;'/>"), written);
        assertEquals(u, STRICT.source(STRICT.tree(written)).value());
    }

    @Test
    void xep0104_cookieDefaultsApplyWhenAttributesAreAbsent() throws Exception {
        UrlDataSource u = (UrlDataSource) STRICT.source(STRICT.tree("<url-data xmlns='http://jabber.org/protocol/url-data' target='https://h/'>"
                + "<cookie xmlns='http://jabber.org/protocol/url-data/scheme/http' name='n' value=''/></url-data>")).value();
        UrlDataSource.HttpCookie c = u.cookies().get(0);
        assertEquals(0L, c.effectiveMaxAge());
        assertEquals(false, c.effectiveSecure());
        assertEquals("1.0", c.effectiveVersion());
        assertTrue(!SfsWriter.toXml(u).contains("max-age"), "defaults are not invented on write");
    }

    @Test
    void xep0104_requiredAttributesAreEnforced() {
        String pre = "<url-data xmlns='http://jabber.org/protocol/url-data' xmlns:http='http://jabber.org/protocol/url-data/scheme/http' target='https://h/'>";
        assertEquals("auth", alwaysFails(pre + "<http:auth/></url-data>").element());
        assertEquals("auth-param", alwaysFails(pre + "<http:auth scheme='basic'><http:auth-param name='x'/></http:auth></url-data>").element());
        assertEquals("cookie", alwaysFails(pre + "<http:cookie value='v'/></url-data>").element());
        assertEquals("cookie", alwaysFails(pre + "<http:cookie name='' value='v'/></url-data>").element());
        assertEquals("cookie", alwaysFails(pre + "<http:cookie name='n' value='v' secure='yes'/></url-data>").element());
        assertEquals("header", alwaysFails(pre + "<http:header value='v'/></url-data>").element());
    }

    @Test
    void xep0104_httpSchemeDataOnANonHttpUrlIsAViolation() {
        String xml = "<url-data xmlns='http://jabber.org/protocol/url-data' xmlns:http='http://jabber.org/protocol/url-data/scheme/http' target='ftp://h/'>"
                + "<http:header name='a' value='b'/></url-data>";
        assertTrue(strictFails(xml).getMessage().contains("XEP-0104"));
    }

    // ---- XEP-0358

    @Test
    void xep0358_jinglepubFromAndIdAreRequiredAndNonEmpty() {
        String d = "<description xmlns='urn:xmpp:jingle:apps:file-transfer:5'/>";
        assertEquals("jinglepub", alwaysFails("<jinglepub xmlns='urn:xmpp:jinglepub:1' id='x'>" + d + "</jinglepub>").element());
        assertEquals("jinglepub", alwaysFails("<jinglepub xmlns='urn:xmpp:jinglepub:1' from='a@b/c'>" + d + "</jinglepub>").element());
        assertEquals("jinglepub", alwaysFails("<jinglepub xmlns='urn:xmpp:jinglepub:1' from='' id='x'>" + d + "</jinglepub>").element());
    }

    @Test
    void xep0358_jinglepubWithoutDescriptionIsAViolationAndMetaUriAreRead() throws Exception {
        String xml = "<jinglepub xmlns='urn:xmpp:jinglepub:1' from='a@b/c' id='x'><meta xml:lang='en' title='T' summary='S'/><uri>https://h/</uri></jinglepub>";
        assertTrue(strictFails(xml).getMessage().contains("description"));
        JinglePubSource j = (JinglePubSource) LENIENT.source(LENIENT.tree(xml)).value();
        assertEquals(Optional.of("T"), j.metas().get(0).title());
        assertEquals(Optional.of("https://h/"), j.uri());
    }

    @Test
    void xep0447_receivingAFile_jinglePubIsSpelledAsInXep0358() throws Exception {
        // CHECKLIST §2 [U]: XEP-0447 prose says <jingle-pub/>, the examples and XEP-0358 say <jinglepub/>.
        FileSharing fs = STRICT.parseFileSharing(fileSharing("", "<jingle-pub xmlns='urn:xmpp:jinglepub:1' from='a@b/c' id='x'/>"));
        assertTrue(fs.sourceList().get(0) instanceof UnknownSource, "the prose spelling is not the wire element; kept verbatim");
    }

    // ---- XEP-0448

    @Test
    void xep0448_encryptedRequiresCipherKeyAndIv() {
        String c = "urn:xmpp:ciphers:aes-256-gcm-nopadding:0";
        assertEquals("encrypted", alwaysFails("<encrypted xmlns='urn:xmpp:esfs:0'><key>" + KEY_256 + "</key><iv>" + IV_96 + "</iv></encrypted>").element());
        assertTrue(alwaysFails(encrypted(c, null, IV_96)).getMessage().contains("missing <key>"));
        assertTrue(alwaysFails(encrypted(c, KEY_256, null)).getMessage().contains("missing <iv>"));
    }

    @Test
    void xep0448_unknownCipherIsUnreadable() {
        SfsParseException e = alwaysFails(encrypted("urn:xmpp:ciphers:rot13:0", KEY_256, IV_96));
        assertTrue(e.getMessage().contains("unknown cipher 'urn:xmpp:ciphers:rot13:0'"), e.getMessage());
    }

    @Test
    void xep0448_keyAndIvLengthsMustMatchTheCipher() throws Exception {
        // aes-128-gcm wants a 128-bit key; the example key is 256 bits.
        String wrongKey = encrypted("urn:xmpp:ciphers:aes-128-gcm-nopadding:0", KEY_256, IV_96);
        assertTrue(strictFails(wrongKey).getMessage().contains("key is 256 bits"));
        // aes-256-cbc wants a 128-bit IV; the example IV is 96 bits.
        String wrongIv = encrypted("urn:xmpp:ciphers:aes-256-cbc-pkcs7:0", KEY_256, IV_96);
        assertTrue(strictFails(wrongIv).getMessage().contains("IV is 96 bits"));
        EncryptedSource e = (EncryptedSource) LENIENT.any(LENIENT.tree(wrongIv)).value();
        assertTrue(!e.hasValidKeyAndIv());
        assertEquals(1, lenientViolations(wrongIv).size());
    }

    @Test
    void xep0448_badBase64KeyIsUnreadable() {
        assertEquals("key", alwaysFails(encrypted("urn:xmpp:ciphers:aes-256-gcm-nopadding:0", "%%%", IV_96)).element());
    }

    @Test
    void xep0448_everyCipherRoundTrips() throws Exception {
        for (EsfsCipher c : EsfsCipher.values()) {
            EncryptedSource e = new EncryptedSource(c, new byte[c.keyLength()], new byte[c.ivLength()], List.of(),
                    List.of(UrlDataSource.of("https://h/x")));
            assertTrue(e.hasValidKeyAndIv());
            assertEquals(e, STRICT.source(STRICT.tree(SfsWriter.toXml(e))).value());
            assertArrayEquals(new byte[c.keyLength()], ((EncryptedSource) STRICT.source(STRICT.tree(SfsWriter.toXml(e))).value()).key());
        }
    }

    @Test
    void xep0448_encryptedWithoutNestedSourcesIsAViolation() {
        String xml = "<encrypted xmlns='urn:xmpp:esfs:0' cipher='urn:xmpp:ciphers:aes-256-gcm-nopadding:0'><key>" + KEY_256
                + "</key><iv>" + IV_96 + "</iv></encrypted>";
        assertTrue(strictFails(xml).getMessage().contains("nested <sources"));
    }

    // ---- XEP-0367

    @Test
    void xep0367_attachToWithoutIdIsUnreadable() {
        assertEquals("attach-to", alwaysFails("<attach-to xmlns='urn:xmpp:message-attaching:1'/>").element());
    }

    @Test
    void xep0367_atMostOneAttachToPerMessage() throws Exception {
        String xml = "<message xmlns='jabber:client'><attach-to xmlns='urn:xmpp:message-attaching:1' id='a'/>"
                + "<attach-to xmlns='urn:xmpp:message-attaching:1' id='b'/></message>";
        assertTrue(strictFails(xml).getMessage().contains("more than one <attach-to>"));
        SharedFileMessage m = (SharedFileMessage) LENIENT.any(LENIENT.tree(xml)).value();
        assertEquals("a", m.attachTo().orElseThrow().id());
        assertEquals(1, m.otherElements().size(), "the second one is kept, not lost");
    }

    @Test
    void elementsOfOtherNamespacesAreNotMistakenForOurs() {
        assertTrue(alwaysFails("<file-sharing xmlns='urn:xmpp:sfs:1'/>").getMessage().contains("not a supported element"));
        assertThrows(SfsParseException.class, () -> STRICT.fileSharing(STRICT.tree("<sources xmlns='urn:xmpp:sfs:0'/>")));
    }
}
