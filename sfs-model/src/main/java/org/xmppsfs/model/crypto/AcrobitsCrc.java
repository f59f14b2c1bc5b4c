package org.xmppsfs.model.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The {@code hash} of an Acrobits {@code application/x-acro-filetransfer+json} attachment: CRC-32/IEEE
 * (the zlib/PNG polynomial) of the <em>decrypted</em> data, written as an unsigned decimal string.
 *
 * <p>The Acrobits documentation has said both "of the data downloaded" and "of the decrypted data"; the
 * newer text and the third-party senders use the plaintext, so this does too. A CRC is a transmission check,
 * not a security one: the CTR ciphertext has no integrity protection at all. Not thread-safe.
 */
public final class AcrobitsCrc {

    private final CRC32 crc = new CRC32();
    private long bytes;

    public void update(byte[] buffer, int offset, int length) {
        crc.update(buffer, offset, length);
        bytes += length;
    }

    /** Consumes the buffer's remaining bytes. */
    public void update(ByteBuffer buffer) {
        bytes += buffer.remaining();
        crc.update(buffer);
    }

    /** The CRC so far, as an unsigned 32-bit value. */
    public long value() {
        return crc.getValue();
    }

    /** The CRC so far as the {@code hash} field writes it: unsigned decimal. */
    public String decimal() {
        return Long.toString(crc.getValue());
    }

    /** Bytes seen so far. */
    public long byteCount() {
        return bytes;
    }

    /**
     * Whether the CRC so far equals a {@code hash} field value. Decimal is what senders write; a value that is
     * not a decimal number in the unsigned 32-bit range never matches.
     */
    public boolean matches(String hashField) {
        if (hashField == null) {
            return false;
        }
        try {
            return Long.parseLong(hashField.strip()) == crc.getValue();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The CRC of a whole stream (read to its end, not closed), as a decimal string. */
    public static String of(InputStream in) throws IOException {
        AcrobitsCrc crc = new AcrobitsCrc();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            crc.update(buffer, 0, n);
        }
        return crc.decimal();
    }
}
