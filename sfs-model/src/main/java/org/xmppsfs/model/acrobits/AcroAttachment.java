package org.xmppsfs.model.acrobits;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One entry of an Acrobits {@code attachments} array. Only {@code content-url} is mandatory.
 *
 * @param encryptionKeyHex the {@code encryption-key}: a hex AES key (128, 192 or 256 bits) for AES-CTR, kept as
 *                         sent; {@link #encryptionKey()} decodes it
 * @param crc32            the {@code hash}: CRC-32/IEEE of the plaintext, as a decimal string
 */
public record AcroAttachment(String contentUrl, Optional<String> contentType, OptionalLong contentSize, Optional<String> filename,
        Optional<String> description, Optional<String> encryptionKeyHex, Optional<String> crc32, Optional<AcroPreview> preview) {

    /** What Acrobits assumes when {@code content-type} is absent (unlike XEP-0446, which assumes application/octet-stream). */
    public static final String DEFAULT_CONTENT_TYPE = "image/jpeg";

    public AcroAttachment {
        Objects.requireNonNull(contentUrl, "contentUrl");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(contentSize, "contentSize");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(encryptionKeyHex, "encryptionKeyHex");
        Objects.requireNonNull(crc32, "crc32");
        Objects.requireNonNull(preview, "preview");
    }

    public static AcroAttachment of(String contentUrl) {
        return new AcroAttachment(contentUrl, Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public String effectiveContentType() {
        return contentType.orElse(DEFAULT_CONTENT_TYPE);
    }

    /** The AES key bytes, when the attachment is encrypted. */
    public Optional<byte[]> encryptionKey() {
        return encryptionKeyHex.map(h -> HexFormat.of().parseHex(h));
    }
}
