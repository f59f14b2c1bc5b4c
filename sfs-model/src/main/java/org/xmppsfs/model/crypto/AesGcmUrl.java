package org.xmppsfs.model.crypto;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * An XEP-0454 {@code aesgcm://} URL: the HTTPS GET URL of an AES-256-GCM encrypted upload, with the scheme
 * replaced and the IV and key in the fragment, {@code aesgcm://host/path#<IV hex><key hex>}.
 *
 * <p>Built only from HTTPS URLs (XEP-0454 §The AESGCM URI scheme: non-HTTPS URLs MUST NOT be converted). The
 * fragment written is 88 hex characters: a 12-byte IV (24) then a 32-byte key (64). When parsing, a 16-byte IV
 * (96 hex characters in all) is accepted too, since older OMEMO clients still send that form and GCM defines
 * it. The path and query are kept exactly as given, percent-encoding included. Such a URL carries the key:
 * it must never be logged, linkified or opened in a browser (XEP-0454 §Security Considerations);
 * {@link #toString()} therefore omits the fragment.
 */
public record AesGcmUrl(URI httpsUrl, FileKey key) {

    public static final String SCHEME = "aesgcm";

    private static final HexFormat HEX = HexFormat.of();
    private static final int KEY_HEX = FileCipher.AES_256_GCM_NOPADDING.keyLength() * 2;

    public AesGcmUrl {
        Objects.requireNonNull(httpsUrl, "httpsUrl");
        Objects.requireNonNull(key, "key");
        if (!"https".equalsIgnoreCase(httpsUrl.getScheme())) {
            throw new IllegalArgumentException("XEP-0454: only HTTPS URLs may become aesgcm:// URLs, not " + httpsUrl.getScheme() + ": URLs");
        }
        if (httpsUrl.getRawAuthority() == null || httpsUrl.getHost() == null) {
            throw new IllegalArgumentException("the HTTPS URL has no host");
        }
        if (httpsUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("the HTTPS URL already has a fragment; the aesgcm:// fragment holds the key");
        }
        if (key.cipher() != FileCipher.AES_256_GCM_NOPADDING) {
            throw new IllegalArgumentException("XEP-0454 uses AES-256-GCM, not " + key.cipher().urn());
        }
    }

    /** For the upload's GET URL and a fresh AES-256-GCM key. */
    public static AesGcmUrl of(URI httpsUrl, FileKey key) {
        return new AesGcmUrl(httpsUrl, key);
    }

    /**
     * Parses an aesgcm:// URL strictly: scheme {@code aesgcm} (any case), a host, and a fragment of exactly
     * 88 hex characters (12-byte IV, 32-byte key) or 96 (legacy 16-byte IV, 32-byte key), IV first.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static AesGcmUrl parse(String url) {
        Objects.requireNonNull(url, "url");
        int colon = url.indexOf(':');
        if (colon < 0 || !url.substring(0, colon).equalsIgnoreCase(SCHEME)) {
            throw new IllegalArgumentException("not an aesgcm:// URL");
        }
        int hash = url.indexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("the aesgcm:// URL has no #fragment with IV and key");
        }
        String fragment = url.substring(hash + 1);
        int ivHex = fragment.length() - KEY_HEX;
        if (ivHex != FileCipher.AES_256_GCM_NOPADDING.ivLength() * 2 && ivHex != FileCipher.LEGACY_GCM_IV_LENGTH * 2) {
            throw new IllegalArgumentException("the aesgcm:// fragment has " + fragment.length()
                    + " characters; expected 88 (24 hex IV + 64 hex key) or 96 (legacy 32 hex IV + 64 hex key)");
        }
        byte[] iv;
        byte[] key;
        try {
            iv = HEX.parseHex(fragment, 0, ivHex);
            key = HEX.parseHex(fragment, ivHex, fragment.length());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the aesgcm:// fragment is not all hex digits", e);
        }
        URI https;
        try {
            https = new URI("https" + url.substring(colon, hash));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the aesgcm:// URL is not a valid URL: " + e.getMessage(), e);
        }
        return new AesGcmUrl(https, new FileKey(FileCipher.AES_256_GCM_NOPADDING, key, iv));
    }

    /** The full aesgcm:// URL, key included: what goes into the OMEMO-encrypted message body. */
    public String toUrlString() {
        String https = httpsUrl.toString();
        int colon = https.indexOf(':');
        return SCHEME + https.substring(colon) + "#" + HEX.formatHex(key.iv()) + HEX.formatHex(key.key());
    }

    /** Whether a message body line looks like an aesgcm:// URL (case-insensitive scheme check only). */
    public static boolean looksLikeAesGcmUrl(String text) {
        return text != null && text.toLowerCase(Locale.ROOT).startsWith(SCHEME + "://");
    }

    /** The URL without its fragment, so that the key never reaches a log. */
    @Override
    public String toString() {
        String https = httpsUrl.toString();
        return SCHEME + https.substring(https.indexOf(':')) + "#<iv and key>";
    }
}
