package org.xmppsfs.upload;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A granted slot (XEP-0363 §Slot): where to PUT (with the headers to send) and where the file will be served.
 *
 * @param slotId     the random slot identifier (128+ bits, base64url)
 * @param putUrl     absolute, RFC 3986 encoded
 * @param putHeaders only names XEP-0363 allows (Authorization, Cookie, Expires), in order
 * @param getUrl     absolute, RFC 3986 encoded
 * @param putExpires when the PUT credential stops working
 */
public record SlotGrant(String slotId, URI putUrl, List<Header> putHeaders, URI getUrl, Instant putExpires) {
    public SlotGrant {
        Objects.requireNonNull(slotId, "slotId");
        Objects.requireNonNull(putUrl, "putUrl");
        putHeaders = List.copyOf(putHeaders);
        Objects.requireNonNull(getUrl, "getUrl");
        Objects.requireNonNull(putExpires, "putExpires");
    }

    /** One {@code <header name='…'>value</header>} of the slot's {@code <put>}. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
