package org.xmppsfs.model.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xmppsfs.model.crypto.CryptoTestSupport.hex;
import static org.xmppsfs.model.crypto.CryptoTestSupport.randomBytes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** XEP-0454 §The AESGCM URI scheme: building, parsing, refusing. */
class AesGcmUrlTest {

    /** The example of XEP-0454 §The AESGCM URI scheme, verbatim. */
    private static final String XEP_EXAMPLE = "aesgcm://download.montague.tld/4a771ac1-f0b2-4a4a-9700-f2a26fa2bb67/tr%C3%A8s%20cool.jpg"
            + "#8c3d050e9386ec173861778f68e9af38a97aaf82faa4063b4d0878a61261534410c8a84331eaac851759f587";

    @Test
    void xep0454ExampleParsesIntoHttpsUrlIvAndKey() {
        AesGcmUrl url = AesGcmUrl.parse(XEP_EXAMPLE);
        assertEquals(URI.create("https://download.montague.tld/4a771ac1-f0b2-4a4a-9700-f2a26fa2bb67/tr%C3%A8s%20cool.jpg"), url.httpsUrl());
        assertEquals("8c3d050e9386ec173861778f", hex(url.key().iv()), "IV first, 24 hex characters");
        assertEquals("68e9af38a97aaf82faa4063b4d0878a61261534410c8a84331eaac851759f587", hex(url.key().key()));
        assertEquals(FileCipher.AES_256_GCM_NOPADDING, url.key().cipher());
        assertEquals(XEP_EXAMPLE, url.toUrlString(), "percent-encoding and layout survive a round-trip");
        assertEquals("/4a771ac1-f0b2-4a4a-9700-f2a26fa2bb67/très cool.jpg", url.httpsUrl().getPath());
    }

    @Test
    void xep0454BuildFromTheHttpsGetUrl() {
        FileKey key = new FileKey(FileCipher.AES_256_GCM_NOPADDING,
                hex("68e9af38a97aaf82faa4063b4d0878a61261534410c8a84331eaac851759f587"), hex("8c3d050e9386ec173861778f"));
        URI get = URI.create("https://download.montague.tld/4a771ac1-f0b2-4a4a-9700-f2a26fa2bb67/tr%C3%A8s%20cool.jpg");
        assertEquals(XEP_EXAMPLE, AesGcmUrl.of(get, key).toUrlString());

        URI withPortAndQuery = URI.create("https://upload.example.org:5443/share/abc/photo.jpg?token=x%2Fy");
        AesGcmUrl built = AesGcmUrl.of(withPortAndQuery, FileCipher.AES_256_GCM_NOPADDING.newKey());
        String text = built.toUrlString();
        assertTrue(text.startsWith("aesgcm://upload.example.org:5443/share/abc/photo.jpg?token=x%2Fy#"), text);
        assertEquals(88, text.length() - text.indexOf('#') - 1, "88 hex characters: 24 IV + 64 key");
        assertEquals(built, AesGcmUrl.parse(text));
    }

    /** XEP-0454: "Non HTTPS URLs MUST not be converted to the aesgcm URL scheme." */
    @Test
    void xep0454RefusesNonHttpsUrls() {
        FileKey key = FileCipher.AES_256_GCM_NOPADDING.newKey();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AesGcmUrl.of(URI.create("http://download.montague.tld/file.jpg"), key));
        assertTrue(e.getMessage().contains("HTTPS"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AesGcmUrl.of(URI.create("ftp://download.montague.tld/file.jpg"), key));
        assertThrows(IllegalArgumentException.class, () -> AesGcmUrl.of(URI.create("https:///file.jpg"), key));
        assertThrows(IllegalArgumentException.class, () -> AesGcmUrl.of(URI.create("https://h.example/file.jpg#frag"), key));
        assertThrows(IllegalArgumentException.class,
                () -> AesGcmUrl.of(URI.create("https://h.example/f"), FileCipher.AES_128_GCM_NOPADDING.newKey()),
                "XEP-0454 uses AES-256-GCM only");
    }

    /** Older OMEMO clients send a 16-byte IV (32 hex characters + 64 for the key): accepted when parsing. */
    @Test
    void legacySixteenByteIvIsAccepted() throws IOException {
        byte[] iv = hex("000102030405060708090a0b0c0d0e0f");
        byte[] key = randomBytes(32, 42);
        String url = "aesgcm://share.example.net/upload/ab12/voice.m4a#" + hex(iv) + hex(key);
        AesGcmUrl parsed = AesGcmUrl.parse(url);
        assertArrayEquals(iv, parsed.key().iv());
        assertArrayEquals(key, parsed.key().key());
        assertEquals(url, parsed.toUrlString());

        // GCM with a 16-byte IV really works end to end (SP 800-38D §7.1 hashes it into the first counter).
        byte[] file = randomBytes(70_001, 43);
        byte[] encrypted = parsed.key().encrypt(new ByteArrayInputStream(file)).readAllBytes();
        assertArrayEquals(file, parsed.key().decrypt(new ByteArrayInputStream(encrypted)).readAllBytes());
    }

    @Test
    void sharedFileDecryptsWithTheKeyFromItsUrl() throws IOException {
        FileKey sender = FileCipher.AES_256_GCM_NOPADDING.newKey();
        byte[] photo = randomBytes(250_000, 44);
        byte[] uploaded = sender.encrypt(new ByteArrayInputStream(photo)).readAllBytes();
        String body = AesGcmUrl.of(URI.create("https://upload.example.org/slot/7f3a/photo.jpg"), sender).toUrlString();

        AesGcmUrl received = AesGcmUrl.parse(body);
        long plaintextSize = received.key().cipher().maxPlaintextSize(uploaded.length);
        assertArrayEquals(photo, received.key().decrypt(new ByteArrayInputStream(uploaded), plaintextSize).readAllBytes());
    }

    @Test
    void malformedUrlsAreRefusedNamingTheProblem() {
        String key64 = "68e9af38a97aaf82faa4063b4d0878a61261534410c8a84331eaac851759f587";
        assertMessage("no #fragment", "aesgcm://h.example/f.jpg");
        assertMessage("not an aesgcm", "https://h.example/f.jpg#8c3d050e9386ec173861778f" + key64);
        assertMessage("87 characters", "aesgcm://h.example/f.jpg#8c3d050e9386ec173861778" + key64);
        assertMessage("not all hex", "aesgcm://h.example/f.jpg#8c3d050e9386ec173861778g" + key64);
        assertMessage("no host", "aesgcm:///f.jpg#8c3d050e9386ec173861778f" + key64);
        assertMessage("not a valid URL", "aesgcm://h.example/a b.jpg#8c3d050e9386ec173861778f" + key64);
        // Scheme is case-insensitive (RFC 3986 §3.1), hex digits too.
        assertEquals("h.example", AesGcmUrl.parse("AESGCM://h.example/f.jpg#8C3D050E9386EC173861778F" + key64).httpsUrl().getHost());
    }

    @Test
    void toStringKeepsTheKeyOutOfLogs() {
        AesGcmUrl url = AesGcmUrl.parse(XEP_EXAMPLE);
        assertFalse(url.toString().contains("68e9af38"), url.toString());
        assertFalse(url.key().toString().contains("68e9af38"));
        assertTrue(AesGcmUrl.looksLikeAesGcmUrl(XEP_EXAMPLE));
        assertFalse(AesGcmUrl.looksLikeAesGcmUrl("https://example.org/"));
    }

    private static void assertMessage(String expected, String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AesGcmUrl.parse(url), url);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
