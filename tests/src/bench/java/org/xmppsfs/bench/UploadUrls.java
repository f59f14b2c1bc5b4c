package org.xmppsfs.bench;

import java.net.URI;
import java.util.Map;

/** Where one file goes and where it can be fetched, plus any headers the PUT must carry (XEP-0363 slot headers). */
public record UploadUrls(URI put, URI get, Map<String, String> putHeaders) {
    public UploadUrls {
        putHeaders = Map.copyOf(putHeaders);
    }
}
