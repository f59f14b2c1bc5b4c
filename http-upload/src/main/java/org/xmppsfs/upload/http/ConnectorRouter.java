package org.xmppsfs.upload.http;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/** Sends requests that arrived on the metrics connector to the metrics handler, all others to the upload handler. */
public final class ConnectorRouter extends Handler.Abstract {

    private final Handler upload;
    private final Handler metrics;
    private volatile Connector metricsConnector;

    public ConnectorRouter(Handler upload, Handler metrics) {
        super(InvocationType.BLOCKING);
        this.upload = upload;
        this.metrics = metrics;
        addBean(upload);
        addBean(metrics);
    }

    @Override
    public void setServer(Server server) {
        super.setServer(server);
        upload.setServer(server);
        metrics.setServer(server);
    }

    public void setMetricsConnector(Connector connector) {
        this.metricsConnector = connector;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Connector c = metricsConnector;
        if (c != null && request.getConnectionMetaData().getConnector() == c) {
            return metrics.handle(request, response, callback);
        }
        return upload.handle(request, response, callback);
    }
}
