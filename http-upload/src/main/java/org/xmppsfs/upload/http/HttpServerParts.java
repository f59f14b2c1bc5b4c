package org.xmppsfs.upload.http;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.xmppsfs.upload.UploadConfig;

/** Jetty configuration derived from {@link UploadConfig}. */
public final class HttpServerParts {

    private HttpServerParts() {
    }

    /** Header size limit, buffer sizes, no version banner, and the trusted-proxy customizer. */
    public static HttpConfiguration httpConfiguration(UploadConfig config, int ioBuffer) {
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(config.maxRequestHeaderBytes());
        http.setOutputBufferSize(ioBuffer);
        http.setIdleTimeout(config.idleTimeout().toMillis());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // A file name may contain '%' ("100%.txt"), which its URL carries as %25; Jetty's default refuses every
        // %25 in a path as ambiguous. The handler decodes raw segments itself and never maps a URL to a file path,
        // so that one ambiguity is harmless here; the other checks (%2F, %2E%2E segments, bad UTF-8) stay on.
        http.setUriCompliance(UriCompliance.DEFAULT.with("DEFAULT_WITH_PERCENT_IN_NAMES",
                UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
        if (!config.trustedProxies().isEmpty()) {
            http.addCustomizer(new TrustedProxies(config.trustedProxies()));
        }
        return http;
    }
}
