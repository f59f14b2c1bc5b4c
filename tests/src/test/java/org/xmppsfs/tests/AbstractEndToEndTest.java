package org.xmppsfs.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.dom4j.Document;
import org.dom4j.Element;
import org.dom4j.QName;
import org.dom4j.io.SAXReader;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaExtensionFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.httpfileupload.HttpFileUploadManager;
import org.jivesoftware.smackx.httpfileupload.element.Slot;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppsfs.component.Service;
import org.xmppsfs.tests.harness.Clients;
import org.xmppsfs.tests.harness.RawIq;
import org.xmppsfs.tests.harness.Servers;
import org.xmppsfs.tests.harness.ServiceFixture;
import org.xmppsfs.tests.harness.SourceServer;
import org.xmppsfs.tests.harness.XmppServer;

/**
 * The whole service against a real XMPP server with real Smack clients: discovery, slots, HTTP, every XMPP error,
 * hash lookup, mirror requests, automatic attaching (one-to-one and group chat) and reconnection.
 * Subclasses pick the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
abstract class AbstractEndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractEndToEndTest.class);

    static final String UPLOAD = "urn:xmpp:http:upload:0";
    static final String LOOKUP = "https://xmpp-sfs.org/protocol/lookup/0";
    static final String MIRROR = "https://xmpp-sfs.org/protocol/mirror/0";
    static final long MAX_FILE_SIZE = 1024 * 1024;
    static final long DAILY_QUOTA = 4 * MAX_FILE_SIZE;

    abstract String serverName();

    XmppServer server;
    Service service;
    Service secondService;
    SourceServer sources;
    XMPPTCPConnection alice;
    XMPPTCPConnection bob;
    DomainBareJid uploadJid;
    XMPPTCPConnection roomKeeper;
    EntityBareJid configuredRoom;
    MultiUserChat aliceInConfiguredRoom;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final Random random = new Random(42);

    @BeforeAll
    void start() throws Exception {
        server = Servers.create(serverName());
        server.start();
        // a room that exists before the service starts, named in muc.rooms (a separate session keeps it alive;
        // the test clients log in later, so Smack's discovery cache does not remember a world without the service)
        roomKeeper = Clients.connect(server, "alice", "room-keeper");
        configuredRoom = JidCreate.entityBareFrom("configured@" + server.mucDomain());
        aliceInConfiguredRoom = MultiUserChatManager.getInstanceFor(roomKeeper).getMultiUserChat(configuredRoom);
        aliceInConfiguredRoom.create(Resourcepart.from("alice")).makeInstant();
        Path data = server.directory().resolve("service-data");
        service = ServiceFixture.start(server, server.componentDomain(), data, Map.of(
                "muc.rooms", configuredRoom.toString(),
                "limits.max-file-size", Long.toString(MAX_FILE_SIZE),
                "quota.user-daily-bytes", Long.toString(DAILY_QUOTA),
                "ratelimit.slot-requests-per-minute", "40",
                "mirror.allow-http", "true",
                "mirror.allow-list", "127.0.0.1/32",
                "mirror.read-timeout", "10s"));
        // a second instance in the same JVM, serving only example.org: localhost users are strangers to it
        secondService = ServiceFixture.start(server, server.secondComponentDomain(), server.directory().resolve("service2-data"),
                Map.of("access.local-domains", "example.org", "attach.enabled", "false"));
        sources = new SourceServer();
        alice = Clients.connect(server, "alice");
        bob = Clients.connect(server, "bob");
        uploadJid = JidCreate.domainBareFrom(server.componentDomain());
    }

    @AfterAll
    void stop() {
        for (XMPPTCPConnection c : new XMPPTCPConnection[] {alice, bob, roomKeeper}) {
            if (c != null) {
                c.disconnect();
            }
        }
        if (secondService != null) {
            secondService.stop();
        }
        if (service != null) {
            service.stop();
        }
        if (sources != null) {
            sources.close();
        }
        if (server != null) {
            server.stop();
        }
        assertTrue(Waits.until(Duration.ofSeconds(10), () -> Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                        .noneMatch(n -> n.startsWith("mirror-") || n.startsWith("xmpp-reconnect-") || n.startsWith("xmpp-in-"))),
                "stopped services leave none of their threads behind");
    }

    byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static Element parse(CharSequence xml) throws Exception {
        Document d = new SAXReader().read(new StringReader(xml.toString()));
        return d.getRootElement();
    }

    IQ send(XMPPTCPConnection c, IQ iq) throws Exception {
        return c.createStanzaCollectorAndSend(iq).nextResultOrThrow();
    }

    StanzaError errorOf(XMPPTCPConnection c, IQ iq) {
        XMPPException.XMPPErrorException e = assertThrows(XMPPException.XMPPErrorException.class, () -> send(c, iq));
        return e.getStanzaError();
    }

    RawIq slotRequest(Map<String, String> attributes) {
        return new RawIq(IQ.Type.get, uploadJid, "request", UPLOAD, attributes, "");
    }

    /** PUT with exactly the headers XEP-0363 §5 allows, as a client must. */
    HttpResponse<String> put(Slot slot, byte[] body, String contentType) throws Exception {
        HttpRequest.Builder put = HttpRequest.newBuilder(slot.getPutUrl().toURI())
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        slot.getHeaders().forEach((name, value) -> {
            if (List.of("authorization", "cookie", "expires").contains(name.toLowerCase())) {
                put.header(name, value);
            }
        });
        return http.send(put.build(), HttpResponse.BodyHandlers.ofString());
    }

    byte[] get(URI url) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), "GET " + url);
        return r.body();
    }

    // ---------------------------------------------------------------------------------------------------------

    /** XEP-0363 §Discovering support; XEP-0300 §Discovering support; XEP-0128 max-file-size. */
    @Test
    @Order(1)
    void discovery() throws Exception {
        HttpFileUploadManager upload = HttpFileUploadManager.getInstanceFor(alice);
        assertTrue(upload.discoverUploadService(), "the server lists the component in disco#items and it says urn:xmpp:http:upload:0");
        // both services of this JVM are listed; Smack picks one of them as its default
        assertTrue(List.of(uploadJid, JidCreate.domainBareFrom(server.secondComponentDomain()))
                .contains(upload.getDefaultUploadService().getAddress()));
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(alice);
        assertTrue(disco.findServices(UPLOAD, false, false).contains(uploadJid), "found through the server's disco#items");

        DiscoverInfo info = disco.discoverInfo(uploadJid);
        DataForm form = DataForm.from(info, UPLOAD);
        assertNotNull(form, "XEP-0128 form with FORM_TYPE urn:xmpp:http:upload:0");
        assertEquals(Long.toString(MAX_FILE_SIZE), form.getField("max-file-size").getFirstValue());
        assertTrue(info.hasIdentity("store", "file"));
        for (String feature : List.of(UPLOAD, "urn:xmpp:http:upload:purpose:0#message", "urn:xmpp:http:upload:purpose:0#ephemeral",
                "urn:xmpp:hashes:2", "urn:xmpp:hash-function-text-names:sha-256", "urn:xmpp:hash-function-text-names:sha3-256",
                "urn:xmpp:hash-function-text-names:blake2b-512", LOOKUP, MIRROR, "urn:xmpp:message-attaching:1")) {
            assertTrue(info.containsFeature(feature), feature);
        }
        assertTrue(!info.containsFeature("urn:xmpp:hash-function-text-names:md5"), "XEP-0414: MD5 MUST NOT");
    }

    Slot slotFromUploadedFile;
    byte[] uploadedContent;

    /** XEP-0363 §Requesting a slot, §Upload; HTTP HEAD and GET with and without Range. */
    @Test
    @Order(2)
    void slotPutHeadGetAndRange() throws Exception {
        byte[] content = randomBytes(200_000);
        Slot slot = HttpFileUploadManager.getInstanceFor(alice).requestSlot("résumé 2.bin", content.length,
                "application/octet-stream", uploadJid);
        assertTrue(slot.getPutUrl().toString().contains("r%C3%A9sum%C3%A9%202.bin"), "XEP-0363 §4: non-ASCII percent-encoded: " + slot.getPutUrl());
        HttpResponse<String> put = put(slot, content, "application/octet-stream");
        assertEquals(201, put.statusCode(), put.body());

        URI get = slot.getGetUrl().toURI();
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(get).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(content.length), head.headers().firstValue("Content-Length").orElse(null),
                "Conversations needs Content-Length on HEAD");

        assertArrayEquals(sha256(content), sha256(get(get)));

        HttpResponse<byte[]> range = http.send(HttpRequest.newBuilder(get).header("Range", "bytes=1000-1999").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, range.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 1000, 2000), range.body());
        slotFromUploadedFile = slot;
        uploadedContent = content;
    }

    /** XEP-0363 §Error conditions: file too large carries max-file-size; the request is echoed. */
    @Test
    @Order(3)
    void fileTooLarge() throws Exception {
        // a raw request: Smack itself refuses to ask for more than the advertised limit
        StanzaError error = errorOf(alice, slotRequest(Map.of("filename", "big.iso", "size", Long.toString(5L * 1024 * 1024 * 1024))));
        assertEquals(StanzaError.Condition.not_acceptable, error.getCondition());
        assertEquals(StanzaError.Type.MODIFY, error.getType());
        Element x = parse(error.toXML());
        Element tooLarge = x.element(QName.get("file-too-large", UPLOAD));
        assertNotNull(tooLarge, error.toXML().toString());
        assertEquals(Long.toString(MAX_FILE_SIZE), tooLarge.elementText(QName.get("max-file-size", UPLOAD)));
    }

    /** Bad requests say exactly what is wrong (modify/bad-request + text). */
    @Test
    @Order(4)
    void badRequests() {
        Map<Map<String, String>, String> cases = Map.of(
                Map.of("filename", "a.txt"), "size attribute is missing",
                Map.of("filename", "a.txt", "size", "0"), "must be positive, was 0",
                Map.of("filename", "a.txt", "size", "-3"), "must be positive",
                Map.of("filename", "a.txt", "size", "ten"), "not a whole number",
                Map.of("size", "10"), "filename attribute is missing");
        cases.forEach((attributes, text) -> {
            StanzaError error = errorOf(alice, slotRequest(attributes));
            assertEquals(StanzaError.Condition.bad_request, error.getCondition(), attributes.toString());
            assertEquals(StanzaError.Type.MODIFY, error.getType());
            assertTrue(error.getDescriptiveText().contains(text), error.getDescriptiveText());
        });
        StanzaError purpose = errorOf(alice, new RawIq(IQ.Type.get, uploadJid, "request", UPLOAD, Map.of("filename", "a", "size", "5"),
                "<ephemeral xmlns='urn:xmpp:http:upload:purpose:0' expire-before='next week'/>"));
        assertTrue(purpose.getDescriptiveText().contains("XEP-0082"), purpose.getDescriptiveText());
    }

    /** A user the service does not serve gets auth/forbidden (XEP-0363 §Error conditions, since v0.7.0). */
    @Test
    @Order(5)
    void strangersAreForbidden() throws Exception {
        RawIq request = new RawIq(IQ.Type.get, JidCreate.domainBareFrom(server.secondComponentDomain()), "request", UPLOAD,
                Map.of("filename", "a.txt", "size", "10"), "");
        StanzaError error = errorOf(alice, request);
        assertEquals(StanzaError.Condition.forbidden, error.getCondition());
        assertEquals(StanzaError.Type.AUTH, error.getType());
        assertTrue(error.getDescriptiveText().contains("example.org"), error.getDescriptiveText());
    }

    /** This project's lookup protocol (docs/operators.md): a hit returns the stored file, a miss item-not-found. */
    @Test
    @Order(6)
    void hashLookup() throws Exception {
        assertNotNull(uploadedContent, "runs after the upload test");
        IQ hit = send(alice, new RawIq(IQ.Type.get, uploadJid, "lookup", LOOKUP, Map.of(),
                "<hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>" + b64(sha256(uploadedContent)) + "</hash>"));
        Element found = parse(((UnparsedIQ) hit).getContent());
        assertEquals("found", found.getName());
        assertEquals(String.valueOf(uploadedContent.length), found.attributeValue("size"));
        assertArrayEquals(sha256(uploadedContent), sha256(get(URI.create(found.attributeValue("url")))));

        StanzaError miss = errorOf(alice, new RawIq(IQ.Type.get, uploadJid, "lookup", LOOKUP, Map.of(),
                "<hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>" + b64(sha256(randomBytes(10))) + "</hash>"));
        assertEquals(StanzaError.Condition.item_not_found, miss.getCondition());

        StanzaError md5 = errorOf(alice, new RawIq(IQ.Type.get, uploadJid, "lookup", LOOKUP, Map.of(),
                "<hash xmlns='urn:xmpp:hashes:2' algo='md5'>AAAAAAAAAAAAAAAAAAAAAA==</hash>"));
        assertEquals(StanzaError.Condition.bad_request, md5.getCondition());
    }

    RawIq mirrorRequest(URI url, long size, String hashes) {
        return new RawIq(IQ.Type.set, uploadJid, "mirror", MIRROR, Map.of("url", url.toString(), "size", Long.toString(size)), hashes);
    }

    /** Mirror: fetched from another HTTP server, verified, stored and served; refusals mapped to errors. */
    @Test
    @Order(7)
    void mirror() throws Exception {
        byte[] remote = randomBytes(50_000);
        URI source = sources.put("/elsewhere/photo.jpg", remote);
        String hash = "<hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>" + b64(sha256(remote)) + "</hash>";
        IQ ok = send(alice, mirrorRequest(source, remote.length, hash));
        Element mirrored = parse(((UnparsedIQ) ok).getContent());
        assertEquals("mirrored", mirrored.getName());
        URI copy = URI.create(mirrored.attributeValue("url"));
        assertTrue(copy.getPath().endsWith("/photo.jpg"), copy.toString());
        assertArrayEquals(remote, get(copy));

        URI other = sources.put("/elsewhere/other.bin", randomBytes(1000));
        StanzaError mismatch = errorOf(alice, mirrorRequest(other, 1000, hash));
        assertEquals(StanzaError.Condition.not_acceptable, mismatch.getCondition());
        assertEquals(StanzaError.Type.MODIFY, mismatch.getType(), "hash mismatch: modify/not-acceptable");

        StanzaError privateSource = errorOf(alice, mirrorRequest(URI.create("http://10.255.0.1/x.bin"), 1000, hash));
        assertEquals(StanzaError.Condition.not_acceptable, privateSource.getCondition());
        assertEquals(StanzaError.Type.CANCEL, privateSource.getType(), "source refused: cancel/not-acceptable");
        assertTrue(privateSource.getDescriptiveText().contains("10.255.0.1"), privateSource.getDescriptiveText());

        StanzaError noHash = errorOf(alice, mirrorRequest(source, remote.length, ""));
        assertEquals(StanzaError.Condition.bad_request, noHash.getCondition(), "XEP-0447 §Security: never without hashes");
    }

    static StandardExtensionElement fileSharing(String id, String name, byte[] content, URI source) throws Exception {
        return StandardExtensionElement.builder("file-sharing", "urn:xmpp:sfs:0")
                .addAttribute("id", id)
                .addAttribute("disposition", "inline")
                .addElement(StandardExtensionElement.builder("file", "urn:xmpp:file:metadata:0")
                        .addElement("name", name)
                        .addElement("media-type", "application/octet-stream")
                        .addElement("size", Integer.toString(content.length))
                        .addElement(StandardExtensionElement.builder("hash", "urn:xmpp:hashes:2")
                                .addAttribute("algo", "sha-256").setText(b64(sha256(content))).build())
                        .build())
                .addElement(StandardExtensionElement.builder("sources", "urn:xmpp:sfs:0")
                        .addElement(StandardExtensionElement.builder("url-data", "http://jabber.org/protocol/url-data")
                                .addAttribute("target", source.toString()).build())
                        .build())
                .build();
    }

    /** The url-data target of an attach message's {@code <sources>} (XEP-0447 §Attaching a source). */
    static URI attachedSource(Message m, String expectedShareId) throws Exception {
        Element root = parse(m.toXML());
        Element sources = root.element(QName.get("sources", "urn:xmpp:sfs:0"));
        assertNotNull(sources, m.toXML().toString());
        assertEquals(expectedShareId, sources.attributeValue("id"), "XEP-0447: the sources carry the file-sharing id");
        assertNotNull(root.element(QName.get("store", "urn:xmpp:hints")), "XEP-0334 store hint");
        return URI.create(sources.element(QName.get("url-data", "http://jabber.org/protocol/url-data")).attributeValue("target"));
    }

    static String attachTo(Message m) throws Exception {
        return parse(m.toXML()).element(QName.get("attach-to", "urn:xmpp:message-attaching:1")).attributeValue("id");
    }

    /** One-to-one: a file-sharing message sent to the service comes back with our verified copy attached. */
    @Test
    @Order(8)
    void automaticAttachOneToOne() throws Exception {
        byte[] content = randomBytes(30_000);
        URI source = sources.put("/direct/notes.bin", content);
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        StanzaExtensionFilter filter = new StanzaExtensionFilter("attach-to", "urn:xmpp:message-attaching:1");
        alice.addAsyncStanzaListener(s -> received.add((Message) s), filter);

        // first a share without any hash: XEP-0447 §Security, it must be neither fetched nor announced
        byte[] unverifiable = randomBytes(1000);
        URI unverifiableSource = sources.put("/direct/no-hash.bin", unverifiable);
        StandardExtensionElement noHash = StandardExtensionElement.builder("file-sharing", "urn:xmpp:sfs:0")
                .addAttribute("id", "fs-nohash")
                .addElement(StandardExtensionElement.builder("file", "urn:xmpp:file:metadata:0")
                        .addElement("name", "no-hash.bin").addElement("size", "1000").build())
                .addElement(StandardExtensionElement.builder("sources", "urn:xmpp:sfs:0")
                        .addElement(StandardExtensionElement.builder("url-data", "http://jabber.org/protocol/url-data")
                                .addAttribute("target", unverifiableSource.toString()).build()).build())
                .build();
        alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(uploadJid).ofType(Message.Type.chat)
                .addExtension(noHash).build());

        Message share = alice.getStanzaFactory().buildMessageStanza().to(uploadJid).ofType(Message.Type.chat)
                .setBody(source.toString()).addExtension(fileSharing("fs-direct", "notes.bin", content, source)).build();
        String id = share.getStanzaId();
        alice.sendStanza(share);

        Message attach = received.poll(60, TimeUnit.SECONDS);
        assertNotNull(attach, "the service attached a source");
        assertEquals(id, attachTo(attach), "XEP-0367: attach to the message id in one-to-one chats");
        URI copy = attachedSource(attach, "fs-direct");
        assertTrue(copy.toString().startsWith(service.uploadServer().publicUrl().toString()), copy.toString());
        assertArrayEquals(sha256(content), sha256(get(copy)));
        assertEquals(0, sources.hits("/direct/no-hash.bin"), "a share without hashes is never fetched");
        assertTrue(received.isEmpty(), "and never announced: " + received);
    }

    /** XEP-0045 §7.8.2 mediated invitation: the room forwards alice's invite, the service joins. */
    @Test
    @Order(9)
    void joinsOnMediatedInvite() throws Exception {
        EntityBareJid roomJid = JidCreate.entityBareFrom("invited-" + Long.toHexString(random.nextLong() & 0xffffff) + "@" + server.mucDomain());
        MultiUserChat room = MultiUserChatManager.getInstanceFor(alice).getMultiUserChat(roomJid);
        room.create(Resourcepart.from("alice")).makeInstant();
        alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(roomJid)
                .addExtension(StandardExtensionElement.builder("x", "http://jabber.org/protocol/muc#user")
                        .addElement(StandardExtensionElement.builder("invite", "http://jabber.org/protocol/muc#user")
                                .addAttribute("to", server.componentDomain()).build())
                        .build())
                .build());
        assertTrue(Waits.until(Duration.ofSeconds(30), () -> room.getOccupants().stream()
                .anyMatch(o -> o.getResourceOrEmpty().toString().equals("file-share"))), "the service joined " + roomJid);
        room.leave();
    }

    /** Group chat: invited by XEP-0249, the service attaches to the room's stanza-id; another occupant downloads it. */
    @Test
    @Order(10)
    void automaticAttachInGroupChat() throws Exception {
        EntityBareJid roomJid = JidCreate.entityBareFrom("files-" + Long.toHexString(random.nextLong() & 0xffffff) + "@" + server.mucDomain());
        MultiUserChat aliceRoom = MultiUserChatManager.getInstanceFor(alice).getMultiUserChat(roomJid);
        aliceRoom.create(Resourcepart.from("alice")).makeInstant();
        MultiUserChat bobRoom = MultiUserChatManager.getInstanceFor(bob).getMultiUserChat(roomJid);
        bobRoom.join(Resourcepart.from("bob"));

        // XEP-0249 direct invitation to the component
        alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(uploadJid)
                .addExtension(StandardExtensionElement.builder("x", "jabber:x:conference").addAttribute("jid", roomJid.toString()).build())
                .build());
        assertTrue(Waits.until(Duration.ofSeconds(30), () -> aliceRoom.getOccupants().stream()
                .anyMatch(o -> o.getResourceOrEmpty().toString().equals("file-share"))), "the service joined the room");

        BlockingQueue<Message> atBob = new LinkedBlockingQueue<>();
        BlockingQueue<Message> sharesAtBob = new LinkedBlockingQueue<>();
        bobRoom.addMessageListener(m -> {
            if (m.hasExtension("attach-to", "urn:xmpp:message-attaching:1")) {
                atBob.add(m);
            } else if (m.hasExtension("file-sharing", "urn:xmpp:sfs:0")) {
                sharesAtBob.add(m);
            }
        });

        byte[] content = randomBytes(40_000);
        URI source = sources.put("/room/slides.pdf", content);
        // as clients do (XEP-0447 §Fallback): a body with the URL; Prosody stamps stanza-ids only on archived messages
        aliceRoom.sendMessage(aliceRoom.buildMessage().setBody(source.toString())
                .addExtension(fileSharing("fs-room", "slides.pdf", content, source)));

        Message original = sharesAtBob.poll(30, TimeUnit.SECONDS);
        assertNotNull(original, "bob sees the shared file");
        Message attach = atBob.poll(60, TimeUnit.SECONDS);
        assertNotNull(attach, "bob sees the service's attached source");
        StanzaIdElement stanzaId = StanzaIdElement.getStanzaId(original);
        assertNotNull(stanzaId, "the room stamps XEP-0359 stanza-ids");
        assertEquals(stanzaId.getId(), attachTo(attach), "XEP-0367: in groupchat attach to the room's stanza-id");
        URI copy = attachedSource(attach, "fs-room");
        assertArrayEquals(sha256(content), sha256(get(copy)), "bob downloads the attached source and the hash matches");
    }

    /** muc.rooms: the service joins the configured rooms when it connects. */
    @Test
    @Order(9)
    void joinsConfiguredRooms() {
        assertTrue(Waits.until(Duration.ofSeconds(30), () -> aliceInConfiguredRoom.getOccupants().stream()
                .anyMatch(o -> o.getResourceOrEmpty().toString().equals("file-share"))), "the service is in " + configuredRoom);
    }

    /** XEP-0363 §Error conditions: an exhausted quota is wait/resource-constraint with a retry stamp (UTC). */
    @Test
    @Order(11)
    void quotaExceeded() throws Exception {
        StanzaError refused = null;
        int granted = 0;
        for (int i = 0; i < 6 && refused == null; i++) {
            try {
                send(bob, slotRequest(Map.of("filename", "q" + i + ".bin", "size", Long.toString(MAX_FILE_SIZE))));
                granted++;
            } catch (XMPPException.XMPPErrorException e) {
                refused = e.getStanzaError();
            }
        }
        assertNotNull(refused, "refused once the daily quota is used up");
        assertEquals(DAILY_QUOTA / MAX_FILE_SIZE, granted, "pending slots count against the quota");
        assertEquals(StanzaError.Condition.resource_constraint, refused.getCondition());
        assertEquals(StanzaError.Type.WAIT, refused.getType());
        Element retry = parse(refused.toXML()).element(QName.get("retry", UPLOAD));
        assertNotNull(retry, refused.toXML().toString());
        assertTrue(retry.attributeValue("stamp").matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"), retry.attributeValue("stamp"));
    }

    /** Per-JID token bucket: the 41st request within a minute is refused with a retry time. */
    @Test
    @Order(12)
    void rateLimit() throws Exception {
        // the limiter runs before anything else: even requests that would fail later (here: no size) use a token
        StanzaError refused = null;
        for (int i = 0; i < 45 && refused == null; i++) {
            StanzaError e = errorOf(bob, slotRequest(Map.of("filename", "r" + i + ".txt")));
            if (e.getCondition() != StanzaError.Condition.bad_request) {
                refused = e;
            }
        }
        assertNotNull(refused, "refused within 45 requests");
        assertEquals(StanzaError.Type.WAIT, refused.getType());
        assertTrue(refused.toXML().toString().contains("policy-violation"), refused.toXML().toString());
        assertTrue(refused.toXML().toString().contains("stamp="), "retry stamp");
    }

    /** The server restarts: the component reconnects by itself and serves slots again. */
    @Test
    @Order(20)
    void reconnectsAfterServerRestart() throws Exception {
        alice.disconnect();
        bob.disconnect();
        roomKeeper.disconnect();
        server.restart();
        assertTrue(Waits.until(Duration.ofSeconds(60), service::isConnected), "reconnected");
        alice = Clients.connect(server, "alice");
        bob = Clients.connect(server, "bob");
        byte[] content = "after restart".getBytes(StandardCharsets.UTF_8);
        Slot slot = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (slot == null && System.nanoTime() < deadline) {
            try {
                slot = HttpFileUploadManager.getInstanceFor(alice).requestSlot("after.txt", content.length, "text/plain", uploadJid);
            } catch (XMPPException.XMPPErrorException e) {
                Thread.sleep(200); // the server answers for us while the component is not yet back
            }
        }
        assertNotNull(slot, "slot after restart");
        assertEquals(201, put(slot, content, "text/plain").statusCode());
        assertArrayEquals(content, get(slot.getGetUrl().toURI()));
    }

    /** Error conditions with which the XMPP server answers for a component that is not connected (RFC 6120 §8.3.3). */
    static final List<StanzaError.Condition> COMPONENT_ABSENT = List.of(StanzaError.Condition.service_unavailable,
            StanzaError.Condition.remote_server_not_found, StanzaError.Condition.remote_server_timeout);

    /** What became of one slot request. */
    sealed interface SlotAnswer {
        /** The component granted a slot. */
        record Granted() implements SlotAnswer {}

        /** An error stanza: from the server while the component is away, or from the component (e.g. rate limit). */
        record Refused(StanzaError.Condition condition) implements SlotAnswer {
            boolean fromTheServer() {
                return COMPONENT_ABSENT.contains(condition);
            }
        }

        /** No answer before the reply timeout: silence. */
        record Silence(String exception) implements SlotAnswer {}

        /** The client's own connection broke under the request. */
        record ConnectionLost(String exception) implements SlotAnswer {}
    }

    /** Requests one small slot and says what came back; never throws for an unanswered or refused request. */
    SlotAnswer askForSlot(XMPPTCPConnection connection, int n) throws InterruptedException {
        try {
            send(connection, slotRequest(Map.of("filename", "load-" + n + ".bin", "size", "64", "content-type", "application/octet-stream")));
            return new SlotAnswer.Granted();
        } catch (XMPPException.XMPPErrorException e) {
            return new SlotAnswer.Refused(e.getStanzaError().getCondition());
        } catch (SmackException.NoResponseException e) {
            return connection.isConnected() ? new SlotAnswer.Silence(e.toString()) : new SlotAnswer.ConnectionLost(e.toString());
        } catch (SmackException | XMPPException e) {
            return new SlotAnswer.ConnectionLost(e.toString());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("unexpected failure of slot request " + n, e);
        }
    }

    /**
     * Keeps {@code workers} slot requests going on {@code connection}, each worker pausing {@code pace} between
     * requests, until {@code budget} requests were sent, the connection broke, or {@code enough} says so.
     */
    void load(XMPPTCPConnection connection, int workers, Duration pace, AtomicInteger sent, int budget,
            BooleanSupplier enough, List<SlotAnswer> answers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(() -> {
                    int n;
                    while (!enough.getAsBoolean() && connection.isConnected() && (n = sent.getAndIncrement()) < budget) {
                        answers.add(askForSlot(connection, n));
                        Thread.sleep(pace.toMillis());
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(90, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Hostile input and faults, "XMPP server restarted under load": alice keeps four slot requests in flight
     * while the server restarts (300 requests at most). Requests on her connection that dies with the server may
     * die with it; on her new connection every request is answered, by a slot or an error stanza (the server's
     * while the component is away, the component's once it is back), never by silence. Then a file goes up and
     * comes down again.
     */
    @Test
    @Order(21)
    @Timeout(240)
    void everySlotRequestIsAnsweredWhileTheServerRestartsUnderLoad() throws Exception {
        final int workers = 4;
        final int total = 300;
        final int beforeRestart = 100;
        List<SlotAnswer> oldConnection = Collections.synchronizedList(new ArrayList<>());
        List<SlotAnswer> newConnection = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();

        // load on the current connection, and the restart while it is running
        XMPPTCPConnection before = alice;
        ExecutorService restarter = Executors.newSingleThreadExecutor();
        long[] restartTimes = new long[2];
        Future<?> restart;
        try {
            restart = restarter.submit(() -> {
                assertTrue(Waits.until(Duration.ofSeconds(30), () -> oldConnection.size() >= 20), "load is running before the restart");
                restartTimes[0] = System.nanoTime();
                server.restart();
                restartTimes[1] = System.nanoTime();
                return null;
            });
            load(before, workers, Duration.ofMillis(100), sent, beforeRestart, () -> false, oldConnection);
            restart.get(120, TimeUnit.SECONDS);
        } finally {
            restarter.shutdownNow();
        }
        int sentBefore = Math.min(sent.get(), beforeRestart);
        bob.disconnect();
        roomKeeper.disconnect();

        // a new connection as soon as the server is back; the component may still be away
        alice = Clients.connect(server, "alice");
        bob = Clients.connect(server, "bob");
        long[] componentBack = {0};
        Thread watcher = new Thread(() -> {
            if (Waits.until(Duration.ofSeconds(120), service::isConnected)) {
                componentBack[0] = System.nanoTime();
            }
        }, "e2e-reconnect-watcher");
        watcher.start();
        AtomicInteger afterRestart = new AtomicInteger(sentBefore);
        BooleanSupplier componentAnsweredEnough = () -> {
            synchronized (newConnection) {
                return newConnection.stream().filter(a -> a instanceof SlotAnswer.Granted
                        || a instanceof SlotAnswer.Refused r && !r.fromTheServer()).count() >= 40;
            }
        };
        load(alice, workers, Duration.ofMillis(250), afterRestart, total, componentAnsweredEnough, newConnection);
        watcher.join(Duration.ofSeconds(120).toMillis());

        Map<String, Long> tallyBefore = tally(oldConnection);
        Map<String, Long> tallyAfter = tally(newConnection);
        double restartSeconds = (restartTimes[1] - restartTimes[0]) / 1e9;
        double reconnectSeconds = componentBack[0] == 0 ? Double.NaN : (componentBack[0] - restartTimes[1]) / 1e9;
        LOG.info("event=restart-under-load server={} restart_s={} component_back_after_server_up_s={} outage_s={} "
                        + "requests_on_old_connection={} {} requests_on_new_connection={} {}",
                serverName(), String.format("%.2f", restartSeconds), String.format("%.2f", reconnectSeconds),
                String.format("%.2f", restartSeconds + reconnectSeconds), oldConnection.size(), tallyBefore, newConnection.size(), tallyAfter);

        assertTrue(componentBack[0] != 0, "the component reconnected by itself");
        assertEquals(sentBefore, oldConnection.size(), "every request on the old connection came to an end");
        assertTrue(oldConnection.stream().anyMatch(a -> a instanceof SlotAnswer.Granted || a instanceof SlotAnswer.Refused),
                "the component served the load before the restart: " + tallyBefore);
        assertTrue(!newConnection.isEmpty(), "requests were sent after the restart");
        List<SlotAnswer> unanswered = newConnection.stream()
                .filter(a -> a instanceof SlotAnswer.Silence || a instanceof SlotAnswer.ConnectionLost).toList();
        assertTrue(unanswered.isEmpty(), "every request on the new connection is answered, never silence: " + unanswered);
        assertTrue(newConnection.size() <= total - sentBefore, "bounded: " + newConnection.size());

        // slots work again (alice's rate-limit bucket may be empty after the load: it refills, hence the retries)
        byte[] content = randomBytes(5_000);
        Slot slot = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (slot == null && System.nanoTime() < deadline) {
            try {
                slot = HttpFileUploadManager.getInstanceFor(alice).requestSlot("after-load.bin", content.length,
                        "application/octet-stream", uploadJid);
            } catch (XMPPException.XMPPErrorException e) {
                Thread.sleep(500);
            }
        }
        assertNotNull(slot, "a slot after the restart");
        HttpResponse<String> put = put(slot, content, "application/octet-stream");
        assertEquals(201, put.statusCode(), put.body());
        assertArrayEquals(sha256(content), sha256(get(slot.getGetUrl().toURI())));
    }

    static Map<String, Long> tally(List<SlotAnswer> answers) {
        Map<String, Long> counts = new TreeMap<>();
        synchronized (answers) {
            for (SlotAnswer a : answers) {
                String key;
                if (a instanceof SlotAnswer.Refused r) {
                    key = (r.fromTheServer() ? "server:" : "component:") + r.condition();
                } else if (a instanceof SlotAnswer.Granted) {
                    key = "granted";
                } else if (a instanceof SlotAnswer.Silence) {
                    key = "silence";
                } else {
                    key = "connection-lost";
                }
                counts.merge(key, 1L, Long::sum);
            }
        }
        return counts;
    }
}
