package org.xmppsfs.component;

import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppsfs.component.config.ServiceConfig;
import org.xmppsfs.component.connection.ComponentConnection;
import org.xmppsfs.component.connection.ConnectFailure;
import org.xmppsfs.upload.UploadServer;
import org.xmppsfs.upload.mirror.HttpMirror;

/**
 * The stand-alone service: the HTTP blob server, the mirror, and the XMPP component connected to its server.
 *
 * <p>{@link #start()} starts the HTTP side first (so every slot handed out is immediately usable), then connects
 * the component; if the connection fails for good (wrong secret, unknown domain, unreachable server) everything
 * started is stopped again and the {@link ConnectFailure} names the cause. {@link #stop()} stops all of it and
 * leaves none of its threads behind. Nothing is static: several services can run in one JVM.
 */
public final class Service implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    private final ServiceConfig config;
    private final Clock clock;
    private UploadServer uploadServer;
    private HttpMirror mirror;
    private UploadComponent component;
    private ComponentConnection connection;

    public Service(ServiceConfig config) {
        this(config, Clock.systemUTC());
    }

    public Service(ServiceConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public synchronized void start() throws IOException, ConnectFailure {
        if (uploadServer != null) {
            throw new IllegalStateException("already started");
        }
        uploadServer = new UploadServer(config.upload(), clock);
        try {
            uploadServer.start();
            LOG.info("event=http-started port={} public-url={}", uploadServer.port(), uploadServer.publicUrl());
            mirror = new HttpMirror(config.mirror(), uploadServer.index(), uploadServer.ingest());
            component = new UploadComponent(config.componentSettings(), uploadServer.slots(), uploadServer.index(), mirror, clock);
            connection = new ComponentConnection(config.connectionSettings(), component);
            connection.open();
        } catch (IOException | ConnectFailure | RuntimeException e) {
            stop();
            throw e;
        }
        LOG.info("event=service-started domain={}", config.domain());
    }

    /** Stops the component, then the mirror, then the HTTP side. Idempotent. */
    public synchronized void stop() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (mirror != null) {
            mirror.close();
            mirror = null;
        }
        if (uploadServer != null) {
            uploadServer.stop();
            uploadServer = null;
        }
        component = null;
    }

    @Override
    public void close() {
        stop();
    }

    public ServiceConfig config() {
        return config;
    }

    /** The running HTTP server; null before {@link #start()} or after {@link #stop()}. */
    public synchronized UploadServer uploadServer() {
        return uploadServer;
    }

    /** The component; null before {@link #start()} or after {@link #stop()}. */
    public synchronized UploadComponent component() {
        return component;
    }

    /** True while the component's stream to the XMPP server is up. */
    public synchronized boolean isConnected() {
        return connection != null && connection.isConnected();
    }
}
