package org.xmppsfs.component.connection;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.dom4j.Element;
import org.jivesoftware.whack.ExternalComponent;
import org.jivesoftware.whack.ExternalComponentManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.component.Component;
import org.xmpp.component.ComponentException;
import org.xmpp.component.IQResultListener;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError;
import org.xmppsfs.upload.concurrent.DaemonThreads;

/**
 * The XEP-0114 connection of one component to its XMPP server, built on Whack.
 *
 * <p>Whack does the stream work (socket, handshake {@code SHA1(streamId + secret)}, parsing, keep-alive
 * whitespace). Two things are done differently from its {@link ExternalComponentManager}:
 * <ul>
 *   <li>The first connection is synchronous and its failure is classified ({@link ConnectFailure.Reason}), so a
 *       wrong secret or an unknown domain stops the service with a message naming the cause, instead of
 *       disappearing into a retry loop.</li>
 *   <li>A connection lost later is re-established on a {@link ScheduledExecutorService} with exponential
 *       backoff (1 s doubling to 60 s), instead of Whack's fixed five-second sleep loop on the reader thread.
 *       Each attempt uses a fresh Whack {@link ExternalComponent}. Stanzas sent while disconnected are dropped
 *       and logged; requests arriving in the gap are answered by the server, not by us.</li>
 * </ul>
 * Servers that shut down send {@code <system-shutdown/>}, which is noticed at once. A connection that silently stops
 * working (half-open TCP after a network failure, a hung server, a close without a stream error) is noticed by the
 * liveness check: after {@link Settings#liveness()} without inbound traffic the component pings itself through the
 * server, and a missing answer replaces the link.
 *
 * <p>Known limit (Whack): the stream-header and handshake reads of a new connection have no timeout, so a server
 * that accepts TCP but never answers stalls that attempt until it answers or closes; {@link #close()} does not wait
 * for such an attempt (it runs on a daemon thread).
 *
 * <p>Several instances can live in one JVM. Whack's shared timer (keep-alive) is a daemon thread owned by Whack.
 */
public final class ComponentConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ComponentConnection.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /**
     * @param host           XMPP server host name or address
     * @param port           the server's component port (XEP-0114; Prosody and ejabberd use 5347 by convention)
     * @param tls            connect with TLS from the first byte (for servers that offer TLS on the component port)
     * @param domain         the component's JID, e.g. {@code upload.example.org}
     * @param secret         the shared secret
     * @param connectTimeout TCP connect timeout
     * @param liveness       after this long without any inbound stanza, the component pings itself through the
     *                       server; no answer within the same time means the connection is dead (half-open TCP,
     *                       a hung server) and it is replaced. Zero turns the check off.
     */
    public record Settings(String host, int port, boolean tls, String domain, String secret, Duration connectTimeout,
                           Duration liveness) {
        public static final Duration DEFAULT_LIVENESS = Duration.ofSeconds(60);

        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(liveness, "liveness");
        }

        /** With the default liveness check. */
        public Settings(String host, int port, boolean tls, String domain, String secret, Duration connectTimeout) {
            this(host, port, tls, domain, secret, connectTimeout, DEFAULT_LIVENESS);
        }

        String where() {
            return host + ":" + port;
        }
    }

    private final Settings settings;
    private final Component component;
    private final Manager manager;
    private final ScheduledExecutorService scheduler;
    private final Object lock = new Object();
    private volatile Link current;
    private volatile boolean closed;
    private int attempt;
    private final AtomicInteger reconnections = new AtomicInteger();
    private final AtomicLong pings = new AtomicLong();
    /** nanoTime of the last stanza received on the current link. */
    private volatile long lastInbound;
    /** The id of our unanswered liveness ping, and when it was sent. */
    private volatile String pendingPing;
    private volatile long pingSentAt;

    public ComponentConnection(Settings settings, Component component) {
        this.settings = settings;
        this.component = component;
        this.manager = new Manager();
        int instance = INSTANCES.incrementAndGet();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("xmpp-reconnect-" + instance));
    }

    /** Connects and authenticates once, or says precisely why not. */
    public void open() throws ConnectFailure {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        try {
            establish();
        } catch (ConnectFailure e) {
            LOG.error("event=xmpp-connect-failed server={} domain={} reason={} message=\"{}\"", settings.where(),
                    settings.domain(), e.reason(), e.getMessage());
            throw e;
        }
        if (!settings.liveness().isZero()) {
            long period = Math.max(100, settings.liveness().toMillis() / 4);
            scheduler.scheduleWithFixedDelay(this::checkLiveness, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** How many times a lost connection was re-established. */
    public int reconnections() {
        return reconnections.get();
    }

    /** True while a stream is up. */
    public boolean isConnected() {
        return current != null;
    }

    private void establish() throws ConnectFailure {
        Link link = new Link();
        try {
            link.connect(settings.host(), settings.port(), settings.domain(), settings.tls());
        } catch (ComponentException | RuntimeException e) {
            link.discard();
            throw classify(e);
        }
        try {
            link.initialize(new JID(null, link.getDomain(), null), manager);
        } catch (ComponentException e) {
            link.shutdown();
            throw new ConnectFailure(ConnectFailure.Reason.PROTOCOL, "the component failed to initialize: " + e.getMessage(), e);
        }
        synchronized (lock) {
            if (closed) {
                link.shutdown();
                return;
            }
            lastInbound = System.nanoTime();
            pendingPing = null;
            current = link;
            attempt = 0;
        }
        link.start();
        LOG.info("event=xmpp-connected server={} domain={}", settings.where(), link.getDomain());
    }

    /**
     * Pings ourselves through the server when nothing came in for a while; declares the link dead when the
     * answer (or anything else) does not arrive in time. Whitespace keep-alives alone cannot notice a half-open
     * TCP connection: writes succeed into the socket buffer for many minutes.
     */
    private void checkLiveness() {
        Link link = current;
        if (link == null || closed) {
            return;
        }
        long now = System.nanoTime();
        long limit = settings.liveness().toNanos();
        if (pendingPing != null) {
            if (now - pingSentAt > limit && lastInbound - pingSentAt < 0) {
                LOG.warn("event=xmpp-liveness-timeout domain={} silent_ms={}", settings.domain(),
                        TimeUnit.NANOSECONDS.toMillis(now - lastInbound));
                link.connectionLost();
            }
            return;
        }
        if (now - lastInbound >= limit) {
            IQ ping = new IQ(IQ.Type.get, "xmpp-sfs-liveness-" + pings.incrementAndGet());
            JID self = new JID(null, link.getDomain(), null);
            ping.setFrom(self);
            ping.setTo(self);
            ping.setChildElement("ping", "urn:xmpp:ping");
            pingSentAt = now;
            pendingPing = ping.getID();
            link.send(ping);
        }
    }

    /** Turns what Whack throws into a reason and a sentence an operator can act on. */
    ConnectFailure classify(Exception e) {
        String where = settings.where();
        String domain = settings.domain();
        if (e instanceof ComponentException ce && ce.getStreamError() != null) {
            String condition = condition(ce.getStreamError());
            String text = ce.getStreamError().getText();
            String detail = condition + (text == null || text.isBlank() ? "" : ": " + text);
            switch (condition) {
                case "not-authorized":
                    return new ConnectFailure(ConnectFailure.Reason.BAD_SECRET, "the XMPP server at " + where
                            + " rejected the secret for component " + domain + " (" + detail
                            + "); check xmpp.secret against the server's component secret, and that the server declares " + domain
                            + " as a component (ejabberd also answers not-authorized for an undeclared domain)", e);
                case "host-unknown":
                case "improper-addressing":
                case "host-gone":
                    return new ConnectFailure(ConnectFailure.Reason.UNKNOWN_DOMAIN, "the XMPP server at " + where
                            + " does not serve the component domain " + domain + " (" + detail
                            + "); declare it in the server configuration or fix xmpp.domain", e);
                case "conflict":
                    return new ConnectFailure(ConnectFailure.Reason.DOMAIN_IN_USE, "the XMPP server at " + where
                            + " already has a component connected as " + domain + " (" + detail + ")", e);
                default:
                    return new ConnectFailure(ConnectFailure.Reason.PROTOCOL, "the XMPP server at " + where
                            + " closed the component stream for " + domain + " (" + detail + ")", e);
            }
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ConnectException) {
            return new ConnectFailure(ConnectFailure.Reason.UNREACHABLE, "cannot connect to the XMPP server at " + where
                    + " (" + cause.getMessage() + "); check xmpp.host, xmpp.port and that the server's component port is open", e);
        }
        if (cause instanceof UnknownHostException) {
            return new ConnectFailure(ConnectFailure.Reason.UNREACHABLE, "xmpp.host '" + settings.host() + "' does not resolve", e);
        }
        if (cause instanceof SocketTimeoutException) {
            return new ConnectFailure(ConnectFailure.Reason.UNREACHABLE, "connecting to the XMPP server at " + where
                    + " timed out after " + settings.connectTimeout().toMillis() + " ms", e);
        }
        if (cause instanceof IOException) {
            return new ConnectFailure(ConnectFailure.Reason.UNREACHABLE, "the connection to the XMPP server at " + where
                    + " failed: " + cause, e);
        }
        // e.g. the server closed the socket right after the handshake without any stream error
        return new ConnectFailure(ConnectFailure.Reason.PROTOCOL, "the XMPP server at " + where
                + " ended the component stream for " + domain + " during the handshake (" + cause
                + "); check xmpp.secret and xmpp.domain", e);
    }

    /** The defined-condition element's name; Tinder's enum does not know every RFC 6120 condition. */
    private static String condition(StreamError error) {
        for (Element child : error.getElement().elements()) {
            if (!"text".equals(child.getName())) {
                return child.getName();
            }
        }
        return "undefined-condition";
    }

    private void lost(Link link) {
        synchronized (lock) {
            if (closed || current != link) {
                return;
            }
            current = null;
        }
        LOG.warn("event=xmpp-connection-lost server={} domain={}", settings.where(), settings.domain());
        link.shutdown(); // stops the component's queue; it is restarted by the next link
        synchronized (lock) {
            if (!closed) {
                scheduleReconnect();
            }
        }
    }

    private void scheduleReconnect() {
        long delay = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempt, 16));
        attempt++;
        LOG.info("event=xmpp-reconnect-scheduled attempt={} in_ms={}", attempt, delay);
        scheduler.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
    }

    private void reconnect() {
        if (closed || current != null) {
            return;
        }
        try {
            establish();
            if (current != null) {
                reconnections.incrementAndGet();
            }
        } catch (ConnectFailure e) {
            LOG.warn("event=xmpp-reconnect-failed attempt={} reason={} message=\"{}\"", attempt, e.reason(), e.getMessage());
            synchronized (lock) {
                if (!closed) {
                    scheduleReconnect();
                }
            }
        }
    }

    /** Closes the stream and stops reconnecting; the component is shut down. */
    @Override
    public void close() {
        Link link;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            link = current;
            current = null;
        }
        if (link != null) {
            link.shutdown();
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("event=xmpp-closed domain={}", settings.domain());
    }

    /** One Whack stream. A lost one is replaced by a new instance. */
    private final class Link extends ExternalComponent {
        private final AtomicBoolean lostOnce = new AtomicBoolean();
        private final ExecutorService inbound;

        Link() {
            this(Executors.newSingleThreadExecutor(DaemonThreads.named("xmpp-in-" + settings.domain())));
        }

        private Link(ExecutorService inbound) {
            // Whack hands each stanza to this executor, which only queues it into the component's own pool
            super(component, manager, inbound);
            this.inbound = inbound;
        }

        /** A link that never connected: only its executor needs stopping. */
        void discard() {
            inbound.shutdownNow();
        }

        @Override
        public void processPacket(Packet packet) {
            lastInbound = System.nanoTime();
            String pending = pendingPing;
            if (pending != null && packet instanceof IQ iq && pending.equals(iq.getID()) && iq.isResponse()) {
                pendingPing = null; // our liveness ping came back; not for the component
                return;
            }
            super.processPacket(packet);
        }

        @Override
        public void connectionLost() {
            // Called by Whack's reader or writer thread; the replacement is built on our scheduler, not here.
            if (lostOnce.compareAndSet(false, true) && !closed) {
                try {
                    scheduler.execute(() -> lost(this));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // closing
                }
            }
        }
    }

    /** The component manager the component sees: sends through whichever link is current. */
    private final class Manager extends ExternalComponentManager {
        private final Map<String, String> properties = new ConcurrentHashMap<>();

        Manager() {
            super(settings.host(), settings.port(), settings.tls());
            setSecretKey(settings.domain(), settings.secret());
            setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()));
        }

        @Override
        public void sendPacket(Component c, Packet packet) {
            Link link = current;
            if (link == null) {
                LOG.warn("event=stanza-dropped reason=\"not connected\" to={} id={}", packet.getTo(), packet.getID());
                return;
            }
            link.send(packet);
        }

        @Override
        public void addComponent(String subdomain, Component c) {
            throw new UnsupportedOperationException("components are connected by ComponentConnection");
        }

        @Override
        public IQ query(Component c, IQ packet, long timeout) throws ComponentException {
            throw new ComponentException("query is not supported by this component manager");
        }

        @Override
        public void query(Component c, IQ packet, IQResultListener listener) throws ComponentException {
            throw new ComponentException("query is not supported by this component manager");
        }

        // Whack keeps properties in java.util.prefs (a file in the user's home); ours live in memory.
        @Override
        public String getProperty(String name) {
            return properties.get(name);
        }

        @Override
        public void setProperty(String name, String value) {
            properties.put(name, value);
        }
    }
}
