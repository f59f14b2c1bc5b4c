package org.xmppsfs.upload.http;

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
        if (!config.trustedProxies().isEmpty()) {
            http.addCustomizer(new TrustedProxies(config.trustedProxies()));
        }
        return http;
    }
}
