package org.xmppsfs.model.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;
import org.xmppsfs.model.acrobits.AcroFileTransfer;
import org.xmppsfs.model.acrobits.AcroFormatException;
import org.xmppsfs.model.crypto.CiphertextException;
import org.xmppsfs.model.crypto.FileCipher;
import org.xmppsfs.model.crypto.FileKey;
import org.xmppsfs.model.crypto.MalformedCiphertextException;

/**
 * What fuzzing found outside the XML reader, stated as plain tests (the inputs are also in the fuzz corpus).
 */
class FuzzFindingsTest {

    /**
     * An empty download is not an intact empty file: with PKCS#7 padding (XEP-0448 §Ciphers, aes-256-cbc-pkcs7)
     * even an empty plaintext encrypts to one block. The JDK decrypts an empty input to nothing without complaint.
     */
    @Test
    void anEmptyCbcCiphertextIsMalformedNotAnEmptyFile() throws Exception {
        FileKey key = FileCipher.AES_256_CBC_PKCS7.newKey();
        assertEquals(16, key.ciphertextSize(0), "an empty file encrypts to one block");
        try (InputStream in = key.decrypt(new ByteArrayInputStream(new byte[0]))) {
            MalformedCiphertextException e = assertThrows(MalformedCiphertextException.class, in::readAllBytes);
            assertTrue(e.getMessage().contains("empty"), e.getMessage());
        }
        try (InputStream in = key.decrypt(new ByteArrayInputStream(new byte[0]), 0)) {
            assertThrows(MalformedCiphertextException.class, in::readAllBytes);
        }
        OutputStream sink = key.decryptTo(new ByteArrayOutputStream(), 0);
        assertThrows(MalformedCiphertextException.class, sink::close);
    }

    @Test
    void anEmptyGcmCiphertextWasAndIsMalformed() throws Exception {
        FileKey key = FileCipher.AES_256_GCM_NOPADDING.newKey();
        try (InputStream in = key.decrypt(new ByteArrayInputStream(new byte[0]))) {
            assertThrows(CiphertextException.class, in::readAllBytes);
        }
    }

    /** Found by fuzzing: BigDecimal refuses an exponent beyond the int range with a NumberFormatException. */
    @Test
    void aJsonNumberWithAnExponentBeyondTheIntRangeIsAFormatError() {
        AcroFormatException e = assertThrows(AcroFormatException.class,
                () -> AcroFileTransfer.parse("{\"attachments\":[{\"content-url\":\"u\",\"content-size\":0e11111111111111111111}]}"));
        assertTrue(e.getMessage().contains("number out of range"), e.getMessage());
    }

    /** Found while fixing the above: 1e999999999 is short text, but its plain form is a billion digits (OutOfMemoryError). */
    @Test
    void aJsonNumberThatWouldExpandToGigabytesIsAFormatError() {
        AcroFormatException e = assertThrows(AcroFormatException.class,
                () -> AcroFileTransfer.parse("{\"attachments\":[{\"content-url\":\"u\",\"content-size\":1e999999999}]}"));
        assertTrue(e.getMessage().contains("number out of range"), e.getMessage());
    }

    /** Found by fuzzing: a fractional number was accepted where a string of the same text is refused, so toJson() did not re-parse. */
    @Test
    void aFractionalHashOrSizeIsAFormatErrorAndWholeNumbersInAnyNotationAreRead() throws Exception {
        AcroFormatException e = assertThrows(AcroFormatException.class,
                () -> AcroFileTransfer.parse("{\"attachments\":[{\"content-url\":\"h/\",\"hash\":229.2222222299}]}"));
        assertTrue(e.getMessage().contains("attachments[0].hash is not a whole number"), e.getMessage());
        assertThrows(AcroFormatException.class,
                () -> AcroFileTransfer.parse("{\"attachments\":[{\"content-url\":\"h/\",\"content-size\":1.5}]}"));
        AcroFileTransfer t = AcroFileTransfer.parse("{\"attachments\":[{\"content-url\":\"h/\",\"content-size\":1.2e3,\"hash\":12.0}]}");
        assertEquals(1200L, t.attachments().get(0).contentSize().getAsLong());
        assertEquals(t, AcroFileTransfer.parse(t.toJson()));
    }

    @Test
    void aNumericStringOfThousandsOfDigitsIsAFormatError() {
        String digits = "9".repeat(100_000);
        AcroFormatException e = assertThrows(AcroFormatException.class,
                () -> AcroFileTransfer.parse("{\"attachments\":[{\"content-url\":\"u\",\"content-size\":\"" + digits + "\"}]}"));
        assertTrue(e.getMessage().contains("fits 64 bits"), e.getMessage());
    }
}
