package org.xmppsfs.upload.slot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PUT credentials: an HMAC-SHA256 over (slot id, size, content type, expiry) under a server secret, so no
 * credential is stored and any node sharing the secret can check it. Token form:
 * {@code <expiry epoch seconds>.<unpadded base64url MAC>}. Verification compares in constant time.
 */
public final class SlotCredentials {

    private static final int KEY_BYTES = 32;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;
    private final Mac keyedPrototype;

    public SlotCredentials(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("slot secret must have at least 16 bytes, got " + key.length);
        }
        this.key = key.clone();
        this.keyedPrototype = keyedMac(this.key);
    }

    /**
     * Reads the base64 secret from {@code file}, or creates the file with a fresh 256-bit secret readable only by
     * its owner (mode 0600 on POSIX file systems).
     */
    public static SlotCredentials loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] fresh = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(fresh);
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
                return new SlotCredentials(fresh);
            } catch (FileAlreadyExistsException raced) {
                // another node created it first: read theirs
            }
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            return new SlotCredentials(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new IOException("slots.secret-file " + file + ": expected a base64 secret of at least 16 bytes (" + e.getMessage() + ")", e);
        }
    }

    /** A token for a PUT to this slot, valid until {@code expires} (truncated to whole seconds). */
    public String mint(String slotId, long size, Optional<String> contentType, Instant expires) {
        return token(slotId, size, contentType, expires.getEpochSecond());
    }

    private String token(String slotId, long size, Optional<String> contentType, long expiresEpochSecond) {
        return expiresEpochSecond + "." + B64URL.encodeToString(mac(slotId, size, contentType, expiresEpochSecond));
    }

    /** Why a token was or was not accepted. */
    public enum Verdict {
        VALID("valid"),
        MALFORMED("malformed upload credential"),
        WRONG("upload credential does not match this slot"),
        EXPIRED("upload credential has expired");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /**
     * Checks a token against a slot's size and content type. With {@code checkExpiry} false only authenticity is
     * checked (DELETE accepts the uploader's credential after the PUT window).
     */
    public Verdict verify(String token, String slotId, long size, Optional<String> contentType, Instant now, boolean checkExpiry) {
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            return Verdict.MALFORMED;
        }
        String expiry = token.substring(0, dot);
        if (expiry.length() > 19 || !expiry.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Verdict.MALFORMED;
        }
        long exp;
        try {
            exp = Long.parseLong(expiry);
        } catch (NumberFormatException e) {
            return Verdict.MALFORMED;
        }
        // Compare the whole token with the one this key would mint, not just the decoded MAC: otherwise
        // "+123", "0123" or Base64 with different padding bits would be further spellings of a valid token.
        byte[] expected = token(slotId, size, contentType, exp).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), expected)) {
            return Verdict.WRONG;
        }
        if (checkExpiry && now.getEpochSecond() >= exp) {
            return Verdict.EXPIRED;
        }
        return Verdict.VALID;
    }

    private byte[] mac(String slotId, long size, Optional<String> contentType, long expiresEpochSecond) {
        // Length-prefixed fields: no two different inputs share an encoding.
        String input = "xmpp-sfs put v1\n" + slotId.length() + ":" + slotId + "\n" + size + "\n"
                + contentType.map(t -> t.length() + ":" + t).orElse("-") + "\n" + expiresEpochSecond;
        return newMac().doFinal(input.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A Mac keyed with the secret. Cloning the keyed prototype skips the provider lookup and the key schedule that
     * every slot request and every PUT would otherwise pay; the prototype itself is never updated, so concurrent
     * clones are safe.
     */
    private Mac newMac() {
        try {
            return (Mac) keyedPrototype.clone();
        } catch (CloneNotSupportedException e) {
            return keyedMac(key);
        }
    }

    private static Mac keyedMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is always available in Java 17", e);
        }
    }
}
