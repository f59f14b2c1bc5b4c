package org.xmppsfs.component.attach;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.dom4j.Element;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;
import org.xmppsfs.component.ComponentSettings;
import org.xmppsfs.upload.limit.RateLimiter;
import org.xmppsfs.component.xmpp.Namespaces;
import org.xmppsfs.model.FileMetadata;
import org.xmppsfs.model.FileSharing;
import org.xmppsfs.model.Source;
import org.xmppsfs.model.UrlDataSource;
import org.xmppsfs.model.dom4j.Dom4jAdapter;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;
import org.xmppsfs.model.xml.SfsParseException;
import org.xmppsfs.model.xml.SfsReader;
import org.xmppsfs.upload.BlobIndex;
import org.xmppsfs.upload.Mirror;
import org.xmppsfs.upload.MirrorRequest;
import org.xmppsfs.upload.Outcome;
import org.xmppsfs.upload.StoredBlob;

/**
 * Automatic attaching (XEP-0447 §Attaching a source, XEP-0367): when a message carries a {@code <file-sharing>}
 * with hashes and a url-data source, find the content by hash or mirror it (every supported hash verified by the
 * ingest), then announce our copy as an extra source with {@code <attach-to>} + {@code <sources>}.
 *
 * <p>XEP-0447 §Security: never announce without verified hashes, and never fetch when no supported hash was
 * given. Messages reach us sent directly to the component (one-to-one) or in a group chat we joined: configured
 * rooms, and rooms a permitted user invited us to (XEP-0045 mediated invite or XEP-0249 direct invite).
 */
public final class AutoAttach {

    private static final Logger LOG = LoggerFactory.getLogger(AutoAttach.class);
    /** More file-sharing elements than this in one message are ignored beyond the first ones. */
    private static final int MAX_FILES_PER_MESSAGE = 10;
    private static final SfsReader READER = SfsReader.lenient();

    private final ComponentSettings settings;
    private final BlobIndex index;
    private final Mirror mirror;
    /** Mirror fetches triggered by messages count against the same per-requester bucket as slot requests. */
    private final RateLimiter rateLimiter;
    private final Consumer<Packet> sender;
    private final Supplier<JID> self;
    /** Bare room JID → true once our presence came back (joined). */
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();

    public AutoAttach(ComponentSettings settings, BlobIndex index, Mirror mirror, RateLimiter rateLimiter,
                      Consumer<Packet> sender, Supplier<JID> self) {
        this.settings = settings;
        this.index = index;
        this.mirror = mirror;
        this.rateLimiter = rateLimiter;
        this.sender = sender;
        this.self = self;
    }

    /** The rooms currently joined (or being joined). */
    public Set<String> rooms() {
        return Set.copyOf(rooms);
    }

    /** Configured rooms plus rooms we were invited to (after a reconnection the server has forgotten us). */
    public void joinRooms() {
        Set<String> all = new java.util.LinkedHashSet<>();
        settings.mucRooms().forEach(r -> all.add(r.toLowerCase(Locale.ROOT)));
        all.addAll(rooms);
        for (String room : all) {
            join(room);
        }
    }

    /** XEP-0045 §Entering a room, without history: old messages are not ours to attach to. */
    public void join(String roomBareJid) {
        JID me = occupantRealJid();
        if (me == null) {
            return;
        }
        String room = roomBareJid.toLowerCase(Locale.ROOT);
        rooms.add(room);
        Presence presence = new Presence();
        presence.setFrom(me);
        presence.setTo(new JID(room + "/" + settings.mucNick()));
        presence.getElement().addElement(QName.get("x", Namespaces.MUC))
                .addElement("history").addAttribute("maxstanzas", "0");
        LOG.info("event=muc-join room={} nick={}", room, settings.mucNick());
        sender.accept(presence);
    }

    private JID occupantRealJid() {
        JID jid = self.get();
        return jid == null ? null : new JID(null, jid.getDomain(), "sfs");
    }

    public void onPresence(Presence presence) {
        JID from = presence.getFrom();
        if (from == null || !rooms.contains(from.toBareJID().toLowerCase(Locale.ROOT))) {
            return;
        }
        if (presence.getType() == Presence.Type.error) {
            rooms.remove(from.toBareJID().toLowerCase(Locale.ROOT));
            LOG.warn("event=muc-join-failed room={} error=\"{}\"", from.toBareJID(),
                    presence.getError() == null ? "?" : presence.getError().getCondition());
        } else if (settings.mucNick().equals(from.getResource()) && presence.getType() == null) {
            LOG.info("event=muc-joined room={}", from.toBareJID());
        } else if (settings.mucNick().equals(from.getResource()) && presence.getType() == Presence.Type.unavailable) {
            // kicked, banned or the room was destroyed: forget it (configured rooms are joined again on reconnect)
            rooms.remove(from.toBareJID().toLowerCase(Locale.ROOT));
            LOG.info("event=muc-left room={}", from.toBareJID());
        }
    }

    public void onMessage(Message message) {
        if (message.getType() == Message.Type.error || message.getFrom() == null) {
            return;
        }
        if (handleInvite(message)) {
            return;
        }
        List<Element> shares = message.getElement().elements().stream()
                .filter(e -> "file-sharing".equals(e.getName()) && Namespaces.SFS.equals(e.getNamespaceURI()))
                .limit(MAX_FILES_PER_MESSAGE).toList();
        if (shares.isEmpty()) {
            return;
        }
        Optional<Target> target = target(message);
        if (target.isEmpty()) {
            return;
        }
        for (Element share : shares) {
            attach(share, target.get());
        }
    }

    /** Where the attach message goes, whom the storage is charged to, and which message it attaches to. */
    record Target(JID to, Message.Type type, String attachToId, String requester) {}

    private Optional<Target> target(Message message) {
        JID from = message.getFrom();
        String bare = from.toBareJID().toLowerCase(Locale.ROOT);
        if (message.getType() == Message.Type.groupchat) {
            if (!rooms.contains(bare)) {
                LOG.debug("event=attach-ignored reason=\"not a joined room\" from={}", from);
                return Optional.empty();
            }
            if (settings.mucNick().equals(from.getResource())) {
                return Optional.empty(); // our own echo
            }
            // XEP-0367 §Business rules: in groupchat attach to the room's stanza-id, never to the stanza id
            for (Element sid : message.getElement().elements(QName.get("stanza-id", Namespaces.STANZA_ID))) {
                if (bare.equalsIgnoreCase(sid.attributeValue("by", "")) && sid.attributeValue("id") != null) {
                    return Optional.of(new Target(new JID(bare), Message.Type.groupchat, sid.attributeValue("id"), bare));
                }
            }
            LOG.info("event=attach-skipped room={} reason=\"the room gave the message no stanza-id\"", bare);
            return Optional.empty();
        }
        if (!settings.access().permits(from)) {
            LOG.info("event=attach-skipped from={} reason=\"sender not permitted\"", from);
            return Optional.empty();
        }
        Element origin = message.getElement().element(QName.get("origin-id", Namespaces.STANZA_ID));
        String id = origin != null && origin.attributeValue("id") != null ? origin.attributeValue("id") : message.getID();
        if (id == null) {
            LOG.info("event=attach-skipped from={} reason=\"message has neither origin-id nor id\"", from);
            return Optional.empty();
        }
        return Optional.of(new Target(from, Message.Type.chat, id, from.toBareJID()));
    }

    private void attach(Element share, Target target) {
        FileSharing sharing;
        try {
            // the model's hardened reader (size and depth limits); lenient, so that extra or unknown parts do not stop us
            sharing = Dom4jAdapter.readFileSharing(share, READER).value();
        } catch (SfsParseException e) {
            LOG.info("event=attach-skipped to={} reason=\"unreadable file-sharing: {}\"", target.to(), e.getMessage());
            return;
        }
        FileMetadata file = sharing.file();
        List<Hash> hashes = file.hashes();
        if (hashes.stream().anyMatch(h -> HashAlgorithm.isForbidden(h.algo()))
                || hashes.stream().noneMatch(h -> h.algorithm().isPresent())) {
            LOG.info("event=attach-skipped to={} reason=\"no usable hash: never mirrored without one\"", target.to());
            return;
        }
        String shareId = sharing.id().orElse(null);
        Optional<Long> size = file.size().isPresent() && file.size().getAsLong() > 0
                ? Optional.of(file.size().getAsLong()) : Optional.empty();
        Optional<String> name = file.name();
        Optional<String> mediaType = file.mediaType();
        Optional<URI> source = source(sharing);

        CompletableFuture<Optional<StoredBlob>> stored;
        Optional<StoredBlob> known = index.lookup(hashes);
        if (known.isPresent() && size.map(s -> s == known.get().size()).orElse(true)) {
            stored = CompletableFuture.completedFuture(known);
        } else if (source.isPresent() && size.isPresent() && settings.mirrorEnabled()) {
            Optional<java.time.Instant> limited = rateLimiter.acquire(target.requester());
            if (limited.isPresent()) {
                LOG.info("event=attach-skipped to={} reason=\"rate limit; next allowed at {}\"", target.to(), limited.get());
                return;
            }
            stored = mirror.mirror(new MirrorRequest(target.requester(), source.get(), size.get(), hashes, mediaType, name))
                    .thenApply(outcome -> {
                        if (outcome instanceof Outcome.Ok<StoredBlob> blob) {
                            return Optional.of(blob.value());
                        }
                        LOG.info("event=attach-mirror-refused to={} reason=\"{}\"", target.to(),
                                ((Outcome.Refused<StoredBlob>) outcome).refusal().text());
                        return Optional.empty();
                    });
        } else {
            LOG.info("event=attach-skipped to={} reason=\"not stored here, and no url-data source with a size to mirror\"",
                    target.to());
            return;
        }
        stored.whenComplete((blob, failure) -> {
            if (failure != null) {
                LOG.error("event=attach-failed to={}", target.to(), failure);
            } else if (blob.isPresent()) {
                if (source.isPresent() && source.get().equals(blob.get().getUrl())) {
                    return; // the message already names our copy
                }
                sender.accept(attachMessage(target, shareId, blob.get()));
                LOG.info("event=attached to={} attach-to={} url={}", target.to(), target.attachToId(), blob.get().getUrl());
            }
        });
    }

    /** {@code <attach-to id/>}, {@code <sources id><url-data target/></sources>}, {@code <store/>} (XEP-0447 §Attaching a source). */
    Message attachMessage(Target target, String shareId, StoredBlob blob) {
        Message m = new Message();
        m.setType(target.type());
        m.setTo(target.to());
        if (target.type() == Message.Type.groupchat) {
            m.setFrom(occupantRealJid());
        }
        m.setID("attach-" + java.util.UUID.randomUUID());
        Element root = m.getElement();
        root.addElement(QName.get("attach-to", Namespaces.MESSAGE_ATTACHING)).addAttribute("id", target.attachToId());
        Element sources = root.addElement(QName.get("sources", Namespaces.SFS));
        if (shareId != null) {
            sources.addAttribute("id", shareId);
        }
        sources.addElement(QName.get("url-data", Namespaces.URL_DATA)).addAttribute("target", blob.getUrl().toASCIIString());
        root.addElement(QName.get("store", Namespaces.HINTS));
        return m;
    }

    /** The first url-data source with an absolute target (the mirror checks scheme and address). */
    private static Optional<URI> source(FileSharing sharing) {
        for (Source s : sharing.sourceList()) {
            if (s instanceof UrlDataSource u) {
                try {
                    URI uri = new URI(u.target().trim());
                    if (uri.isAbsolute() && uri.getHost() != null) {
                        return Optional.of(uri);
                    }
                } catch (URISyntaxException ignored) {
                    // try the next source
                }
            }
        }
        return Optional.empty();
    }

    /**
     * XEP-0045 §7.8.2 mediated invite, XEP-0249 direct invite: join when the inviter may use the service.
     * The mediated form is checked first: rooms (ejabberd) add a {@code jabber:x:conference} element to it too,
     * and then the sender is the room, not the inviter. Semi-anonymous rooms (Prosody) name the inviter by its
     * occupant JID, which hides who it is: such invites are accepted from rooms of a local domain's MUC service
     * ({@code conference.example.org} for {@code example.org}), whose occupants are vetted by that server.
     */
    private boolean handleInvite(Message message) {
        Element user = message.getElement().element(QName.get("x", Namespaces.MUC_USER));
        Element invite = user == null ? null : user.element(QName.get("invite", Namespaces.MUC_USER));
        if (invite != null) {
            String inviter = invite.attributeValue("from");
            JID room = message.getFrom();
            boolean hidden = inviter != null && new JID(inviter).toBareJID().equalsIgnoreCase(room.toBareJID());
            if (inviter != null && (settings.access().permits(new JID(inviter))
                    || hidden && settings.access().isLocalService(room.getDomain()))) {
                join(message.getFrom().toBareJID());
            } else {
                LOG.info("event=invite-ignored room={} inviter={} reason=\"inviter not permitted\"", message.getFrom(), inviter);
            }
            return true;
        }
        Element direct = message.getElement().element(QName.get("x", Namespaces.CONFERENCE));
        if (direct != null && direct.attributeValue("jid") != null) {
            if (settings.access().permits(message.getFrom())) {
                join(new JID(direct.attributeValue("jid")).toBareJID());
            } else {
                LOG.info("event=invite-ignored from={} reason=\"inviter not permitted\"", message.getFrom());
            }
            return true;
        }
        return false;
    }
}
