package org.xmppsfs.component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dom4j.Element;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.component.AbstractComponent;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;
import org.xmppsfs.upload.limit.RateLimiter;
import org.xmppsfs.component.attach.AutoAttach;
import org.xmppsfs.component.xmpp.Errors;
import org.xmppsfs.component.xmpp.Namespaces;
import org.xmppsfs.component.xmpp.Requests;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;
import org.xmppsfs.upload.BlobIndex;
import org.xmppsfs.upload.Mirror;
import org.xmppsfs.upload.MirrorRequest;
import org.xmppsfs.upload.Outcome;
import org.xmppsfs.upload.Refusal;
import org.xmppsfs.upload.SlotGrant;
import org.xmppsfs.upload.SlotRequest;
import org.xmppsfs.upload.SlotService;
import org.xmppsfs.upload.StoredBlob;

/**
 * The XMPP face of the upload service: XEP-0363 slots, service discovery with the XEP-0128 size form, this
 * project's hash lookup and mirror requests, and (optionally) automatic attaching of a verified copy to
 * XEP-0447 file-sharing messages.
 *
 * <p>All collaborators come through the constructor; the class holds no static state, so several instances can
 * live in one JVM, and the Openfire plugin can register the same class with its own component manager. Only
 * Tinder API that also exists in Tinder 1.3 is used.
 */
public class UploadComponent extends AbstractComponent {

    private static final Logger LOG = LoggerFactory.getLogger(UploadComponent.class);

    private final ComponentSettings settings;
    private final SlotService slots;
    private final BlobIndex index;
    private final Mirror mirror;
    private final RateLimiter rateLimiter;
    private final AutoAttach autoAttach;

    /**
     * @param mirror may be null when {@code settings.mirrorEnabled()} is false
     * @param clock  decides rate-limit refill and retry stamps
     */
    public UploadComponent(ComponentSettings settings, SlotService slots, BlobIndex index, Mirror mirror, Clock clock) {
        // 8 stanza threads, 1000 queued; enforceIQResult=false because mirror requests are answered later,
        // from the mirror's thread (every other request is answered before handleIQ* returns).
        super(8, 1000, false);
        if (settings.mirrorEnabled() && mirror == null) {
            throw new IllegalArgumentException("mirroring is enabled but no Mirror was given");
        }
        this.settings = settings;
        this.slots = slots;
        this.index = index;
        this.mirror = mirror;
        this.rateLimiter = new RateLimiter(settings.slotRequestsPerMinute(), clock);
        this.autoAttach = new AutoAttach(settings, index, mirror, rateLimiter, this::send, this::getJID);
    }

    @Override
    public String getName() {
        return settings.name();
    }

    @Override
    public String getDescription() {
        return "XEP-0363 HTTP File Upload with XEP-0447 stateless file sharing";
    }

    @Override
    protected String discoInfoIdentityCategory() {
        return "store";
    }

    @Override
    protected String discoInfoIdentityCategoryType() {
        return "file";
    }

    @Override
    protected String[] discoInfoFeatureNamespaces() {
        List<String> features = new ArrayList<>();
        features.add(Namespaces.HTTP_UPLOAD);
        for (String purpose : List.of("message", "profile", "permanent", "ephemeral")) {
            features.add(Namespaces.PURPOSE + "#" + purpose);
        }
        features.add(Namespaces.HASHES);
        for (HashAlgorithm a : HashAlgorithm.values()) {
            features.add(a.discoFeature());
        }
        features.add(Namespaces.LOOKUP);
        if (settings.mirrorEnabled()) {
            features.add(Namespaces.MIRROR);
        }
        if (settings.attachEnabled()) {
            features.add(Namespaces.MESSAGE_ATTACHING);
        }
        return features.toArray(new String[0]);
    }

    /** Adds the XEP-0128 form: FORM_TYPE {@code urn:xmpp:http:upload:0} and {@code max-file-size} (XEP-0363 §Discovering support). */
    @Override
    protected IQ handleDiscoInfo(IQ iq) {
        if (iq.getChildElement().attributeValue("node") != null) {
            IQ error = IQ.createResultIQ(iq);
            error.setType(IQ.Type.error);
            error.setError(PacketError.Condition.item_not_found);
            return error;
        }
        IQ reply = super.handleDiscoInfo(iq);
        Element x = reply.getChildElement().addElement(QName.get("x", Namespaces.DATA_FORMS)).addAttribute("type", "result");
        Element formType = x.addElement("field").addAttribute("var", "FORM_TYPE").addAttribute("type", "hidden");
        formType.addElement("value").setText(Namespaces.HTTP_UPLOAD);
        x.addElement("field").addAttribute("var", "max-file-size").addElement("value")
                .setText(Long.toString(slots.maxFileSize()));
        return reply;
    }

    @Override
    protected IQ handleDiscoItems(IQ iq) {
        IQ reply = IQ.createResultIQ(iq);
        reply.setChildElement("query", Namespaces.DISCO_ITEMS);
        return reply;
    }

    @Override
    protected IQ handleIQGet(IQ iq) {
        Element child = iq.getChildElement();
        String ns = child.getNamespaceURI();
        if (Namespaces.HTTP_UPLOAD.equals(ns) && "request".equals(child.getName())) {
            return slot(iq, child);
        }
        if (Namespaces.LOOKUP.equals(ns) && "lookup".equals(child.getName())) {
            return lookup(iq, child);
        }
        return unsupported(iq);
    }

    @Override
    protected IQ handleIQSet(IQ iq) {
        Element child = iq.getChildElement();
        if (Namespaces.MIRROR.equals(child.getNamespaceURI()) && "mirror".equals(child.getName()) && settings.mirrorEnabled()) {
            return mirror(iq, child);
        }
        return unsupported(iq);
    }

    private IQ unsupported(IQ iq) {
        IQ error = IQ.createResultIQ(iq);
        error.setChildElement(iq.getChildElement().createCopy());
        error.setType(IQ.Type.error);
        error.setError(PacketError.Condition.service_unavailable);
        return error;
    }

    private Optional<Refusal> refuseStranger(JID from) {
        if (settings.access().permits(from)) {
            return Optional.empty();
        }
        return Optional.of(new Refusal.Forbidden("this service is only for users of "
                + String.join(", ", settings.access().localDomains().stream().sorted().toList())));
    }

    private Optional<Refusal> rateLimit(JID from) {
        return rateLimiter.acquire(from.toBareJID()).map(retry -> new Refusal.RateLimited(retry,
                "too many requests; at most " + settings.slotRequestsPerMinute() + " per minute"));
    }

    private IQ slot(IQ iq, Element request) {
        JID from = iq.getFrom();
        Optional<Refusal> refused = refuseStranger(from).or(() -> rateLimit(from));
        if (refused.isPresent()) {
            return refuse(iq, "slot", refused.get());
        }
        Outcome<SlotRequest> parsed = Requests.slot(request, from.toBareJID());
        if (parsed instanceof Outcome.Refused<SlotRequest> r) {
            return refuse(iq, "slot", r.refusal());
        }
        SlotRequest slotRequest = ((Outcome.Ok<SlotRequest>) parsed).value();
        Outcome<SlotGrant> granted = slots.requestSlot(slotRequest);
        if (granted instanceof Outcome.Refused<SlotGrant> r) {
            return refuse(iq, "slot", r.refusal());
        }
        SlotGrant grant = ((Outcome.Ok<SlotGrant>) granted).value();
        IQ reply = IQ.createResultIQ(iq);
        Element slot = reply.setChildElement("slot", Namespaces.HTTP_UPLOAD);
        Element put = slot.addElement("put").addAttribute("url", grant.putUrl().toASCIIString());
        for (SlotGrant.Header h : grant.putHeaders()) {
            put.addElement("header").addAttribute("name", h.name()).setText(h.value());
        }
        slot.addElement("get").addAttribute("url", grant.getUrl().toASCIIString());
        LOG.info("event=slot-granted requester={} size={} purpose={} slot={}", from.toBareJID(), slotRequest.size(),
                slotRequest.purpose().elementName(), grant.slotId());
        return reply;
    }

    private IQ lookup(IQ iq, Element lookup) {
        Optional<Refusal> refused = refuseStranger(iq.getFrom());
        if (refused.isPresent()) {
            return refuse(iq, "lookup", refused.get());
        }
        Outcome<List<Hash>> hashes = Requests.lookup(lookup);
        if (hashes instanceof Outcome.Refused<List<Hash>> r) {
            return refuse(iq, "lookup", r.refusal());
        }
        Optional<StoredBlob> found = index.lookup(((Outcome.Ok<List<Hash>>) hashes).value());
        if (found.isEmpty()) {
            LOG.info("event=lookup-miss requester={}", iq.getFrom().toBareJID());
            return Errors.reply(iq, new Refusal.NotFound("no stored file has these hashes"));
        }
        IQ reply = IQ.createResultIQ(iq);
        reply.setChildElement(found(found.get(), "found", Namespaces.LOOKUP));
        LOG.info("event=lookup-hit requester={} url={}", iq.getFrom().toBareJID(), found.get().getUrl());
        return reply;
    }

    /** {@code <found url size [media-type]><hash/>…</found>} (or {@code <mirrored …>}): a stored blob. */
    static Element found(StoredBlob blob, String name, String namespace) {
        Element e = org.dom4j.DocumentHelper.createElement(QName.get(name, namespace));
        e.addAttribute("url", blob.getUrl().toASCIIString());
        e.addAttribute("size", Long.toString(blob.size()));
        blob.mediaType().ifPresent(t -> e.addAttribute("media-type", t.toString()));
        for (Hash h : blob.hashes()) {
            e.addElement(QName.get("hash", Namespaces.HASHES)).addAttribute("algo", h.algo()).setText(h.base64());
        }
        return e;
    }

    private IQ mirror(IQ iq, Element element) {
        JID from = iq.getFrom();
        Optional<Refusal> refused = refuseStranger(from).or(() -> rateLimit(from));
        if (refused.isPresent()) {
            return refuse(iq, "mirror", refused.get());
        }
        Outcome<MirrorRequest> parsed = Requests.mirror(element, from.toBareJID());
        if (parsed instanceof Outcome.Refused<MirrorRequest> r) {
            return refuse(iq, "mirror", r.refusal());
        }
        MirrorRequest request = ((Outcome.Ok<MirrorRequest>) parsed).value();
        LOG.info("event=mirror-requested requester={} size={}", from.toBareJID(), request.size());
        mirror.mirror(request).whenComplete((outcome, failure) -> {
            IQ reply;
            if (failure != null) {
                LOG.error("event=mirror-crashed requester={}", from.toBareJID(), failure);
                reply = Errors.reply(iq, new Refusal.Internal("mirroring failed on our side"));
            } else if (outcome instanceof Outcome.Ok<StoredBlob> ok) {
                reply = IQ.createResultIQ(iq);
                reply.setChildElement(found(ok.value(), "mirrored", Namespaces.MIRROR));
            } else {
                reply = Errors.reply(iq, ((Outcome.Refused<StoredBlob>) outcome).refusal());
            }
            send(reply);
        });
        return null; // answered by the callback above
    }

    private IQ refuse(IQ iq, String what, Refusal refusal) {
        LOG.info("event={}-refused requester={} refusal={} reason=\"{}\"", what, iq.getFrom(),
                refusal.getClass().getSimpleName(), refusal.text());
        return Errors.reply(iq, refusal);
    }

    @Override
    protected void handleMessage(Message message) {
        if (settings.attachEnabled()) {
            autoAttach.onMessage(message);
        }
    }

    @Override
    protected void handlePresence(Presence presence) {
        autoAttach.onPresence(presence);
    }

    /** Joins the configured rooms, and rooms we were invited to, each time the connection is (re)established. */
    @Override
    public void postComponentStart() {
        if (settings.attachEnabled()) {
            autoAttach.joinRooms();
        }
    }

    @Override
    protected void send(Packet packet) {
        if (packet.getFrom() == null && getJID() != null) {
            packet.setFrom(getJID());
        }
        super.send(packet);
    }
}
