package org.xmppsfs.model.acrobits;

import java.util.Objects;
import java.util.Optional;

/** An Acrobits attachment {@code preview}: {@code {"content-type": …, "content": Base64}}; the type defaults to image/jpeg. */
public record AcroPreview(Optional<String> contentType, String contentBase64) {
    public AcroPreview {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(contentBase64, "contentBase64");
    }

    public String effectiveContentType() {
        return contentType.orElse(AcroAttachment.DEFAULT_CONTENT_TYPE);
    }
}
