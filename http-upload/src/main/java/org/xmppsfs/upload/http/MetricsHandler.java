package org.xmppsfs.upload.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.xmppsfs.upload.metrics.MetricsRegistry;

/** {@code GET /metrics} in the Prometheus text format; anything else is 404. */
public final class MetricsHandler extends Handler.Abstract.NonBlocking {

    private final MetricsRegistry registry;

    public MetricsHandler(MetricsRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (!"/metrics".equals(path) || !(request.getMethod().equals("GET") || request.getMethod().equals("HEAD"))) {
            HttpRefusals.sendText(response, callback, 404, "metrics are at GET /metrics");
            return true;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, registry.scrape(), callback);
        return true;
    }
}
