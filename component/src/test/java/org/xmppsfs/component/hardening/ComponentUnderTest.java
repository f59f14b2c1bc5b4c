package org.xmppsfs.component.hardening;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.component.Component;
import org.xmpp.component.ComponentException;
import org.xmpp.component.ComponentManager;
import org.xmpp.component.IQResultListener;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmppsfs.component.ComponentSettings;
import org.xmppsfs.component.UploadComponent;
import org.xmppsfs.component.access.AccessPolicy;
import org.xmppsfs.component.xmpp.Namespaces;
import org.xmppsfs.upload.UploadConfig;
import org.xmppsfs.upload.UploadServer;

/**
 * An {@link UploadComponent} wired to a real {@link UploadServer} (Jetty on a loopback port 0, H2 in a temp
 * directory) and to a component manager that records what the component sends instead of writing it to an
 * XMPP stream. Stanzas go in through {@link UploadComponent#processPacket}, the same entry point the XMPP
 * connection uses, so Tinder's stanza threads, queue and IQ bookkeeping are all part of the test.
 */
final class ComponentUnderTest implements AutoCloseable {

    static final String DOMAIN = "example.org";
    static final JID COMPONENT = new JID("upload." + DOMAIN);

    private final UploadServer server;
    private final UploadComponent component;
    private final Map<String, CompletableFuture<IQ>> pending = new ConcurrentHashMap<>();
    private final List<Packet> unexpected = new CopyOnWriteArrayList<>();
    private volatile Consumer<IQ> onReply = iq -> { };

    /**
     * @param slotRequestsPerMinute the per-JID burst (and refill per minute); 0 = unlimited
     * @param componentClock        drives the rate limiter; a fixed clock means no refill during a test
     */
    ComponentUnderTest(Path dataDir, int slotRequestsPerMinute, Clock componentClock) throws IOException, ComponentException {
        UploadConfig config = UploadConfig.defaults(dataDir, URI.create("https://upload.example.org/files")).toBuilder()
                .bindAddress("127.0.0.1").port(0).build();
        server = new UploadServer(config);
        server.start();
        ComponentSettings settings = new ComponentSettings(ComponentSettings.DEFAULT_NAME,
                new AccessPolicy(Set.of(DOMAIN), Set.of(), Set.of()), slotRequestsPerMinute, false, false, List.of(),
                ComponentSettings.DEFAULT_MUC_NICK);
        component = new UploadComponent(settings, server.slots(), server.index(), null, componentClock);
        component.initialize(COMPONENT, new Recorder());
        component.start();
    }

    /** The slot service behind the component, for checks at the seam itself. */
    org.xmppsfs.upload.SlotService slots() {
        return server.slots();
    }

    /** Called for every reply, on the component's stanza thread, before {@link #ask} sees it. */
    void onReply(Consumer<IQ> listener) {
        this.onReply = listener;
    }

    /** Hands {@code iq} to the component; the future completes with the reply carrying the same id. */
    CompletableFuture<IQ> send(IQ iq) {
        CompletableFuture<IQ> reply = new CompletableFuture<>();
        if (pending.putIfAbsent(iq.getID(), reply) != null) {
            throw new IllegalArgumentException("id " + iq.getID() + " is already waiting for a reply");
        }
        component.processPacket(iq);
        return reply;
    }

    /** Sends {@code iq} and waits (bounded, so a missing reply fails instead of hanging) for its reply. */
    IQ ask(IQ iq) throws Exception {
        return send(iq).get(30, TimeUnit.SECONDS);
    }

    /** Packets the component sent that answered nothing we asked, or answered something twice. */
    List<Packet> unexpected() {
        return List.copyOf(unexpected);
    }

    /** An IQ get from {@code from} carrying {@code payload}, parsed from XML as it would arrive on the stream. */
    static IQ iq(String id, String from, String payload) throws Exception {
        IQ iq = new IQ(IQ.Type.get, id);
        iq.setFrom(from);
        iq.setTo(COMPONENT);
        iq.setChildElement(DocumentHelper.parseText(payload).getRootElement().createCopy());
        return iq;
    }

    /** {@code <error type>}, the RFC 6120 condition element and the {@code <text>} of an error reply. */
    record StanzaError(String type, String condition, String text, Element element) {
        static StanzaError of(IQ reply) {
            if (reply.getType() != IQ.Type.error) {
                throw new AssertionError("expected an error reply, got " + reply.toXML());
            }
            Element error = reply.getElement().element("error");
            String condition = null;
            for (Element e : error.elements()) {
                if (Namespaces.STANZAS.equals(e.getNamespaceURI()) && !"text".equals(e.getName())) {
                    condition = e.getName();
                }
            }
            return new StanzaError(error.attributeValue("type"), condition,
                    error.elementText(QName.get("text", Namespaces.STANZAS)), error);
        }
    }

    @Override
    public void close() {
        component.shutdown();
        server.stop();
    }

    private final class Recorder implements ComponentManager {
        @Override
        public void sendPacket(Component from, Packet packet) {
            CompletableFuture<IQ> waiting = packet instanceof IQ iq && packet.getID() != null ? pending.remove(packet.getID()) : null;
            if (waiting == null) {
                unexpected.add(packet);
                return;
            }
            onReply.accept((IQ) packet);
            waiting.complete((IQ) packet);
        }

        @Override
        public IQ query(Component component, IQ packet, long timeout) {
            throw new UnsupportedOperationException("the upload component never queries");
        }

        @Override
        public void query(Component component, IQ packet, IQResultListener listener) {
            throw new UnsupportedOperationException("the upload component never queries");
        }

        @Override
        public void addComponent(String subdomain, Component component) {
        }

        @Override
        public void removeComponent(String subdomain) {
        }

        @Override
        public String getProperty(String name) {
            return null;
        }

        @Override
        public void setProperty(String name, String value) {
        }

        @Override
        public String getServerName() {
            return DOMAIN;
        }

        @Override
        public boolean isExternalMode() {
            return true;
        }
    }
}
