package org.xmppsfs.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.httpfileupload.HttpFileUploadManager;
import org.jivesoftware.smackx.httpfileupload.UploadService;
import org.jivesoftware.smackx.httpfileupload.element.Slot;
import org.jivesoftware.smackx.httpfileupload.element.SlotRequest;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * How a workload gets a place to PUT a file: a slot from an XEP-0363 service over one client connection, or just a
 * fresh name on a WebDAV server. Every XMPP service is driven by the same Smack code.
 */
public sealed interface UploadSession extends AutoCloseable permits UploadSession.Xmpp, UploadSession.WebDav {

    String CONTENT_TYPE = "application/octet-stream";

    /** A place for a file of {@code size} bytes called {@code name}; blocks for the slot round trip if there is one. */
    UploadUrls slot(String name, long size) throws Exception;

    @Override
    void close();

    static UploadSession open(Target target, String resource) throws Exception {
        if (target instanceof Target.Xmpp x) {
            return Xmpp.login(x, resource);
        }
        return new WebDav(((Target.WebDav) target).base());
    }

    /** One logged-in Smack client asking the target's upload service for slots. */
    final class Xmpp implements UploadSession {
        static {
            // Benchmarks log in thousands of times; the roster and stream management are not what is measured.
            Roster.setRosterLoadedAtLoginDefault(false);
            XMPPTCPConnection.setUseStreamManagementDefault(false);
        }

        private final XMPPTCPConnection connection;
        private final HttpFileUploadManager uploads;
        private final DomainBareJid service;

        private Xmpp(XMPPTCPConnection connection, HttpFileUploadManager uploads, DomainBareJid service) {
            this.connection = connection;
            this.uploads = uploads;
            this.service = service;
        }

        static Xmpp login(Target.Xmpp target, String resource) throws Exception {
            XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(target.domain())
                    .setHostAddress(InetAddress.getByName(target.host()))
                    .setPort(target.port())
                    .setUsernameAndPassword(target.user(), target.password())
                    .setResource(resource)
                    // loopback only: plaintext keeps TLS cost out of the comparison for every server alike
                    .setSecurityMode(SecurityMode.disabled)
                    .setSendPresence(false)
                    .build();
            XMPPTCPConnection connection = new XMPPTCPConnection(config);
            connection.setReplyTimeout(60_000);
            connection.connect().login();
            HttpFileUploadManager uploads = HttpFileUploadManager.getInstanceFor(connection);
            DomainBareJid wanted = JidCreate.domainBareFrom(target.service());
            if (!uploads.isUploadServiceDiscovered()) {
                uploads.discoverUploadService();
            }
            UploadService found = uploads.getDefaultUploadService();
            // Smack asks disco#info before every slot of a service that is not its default one; that would
            // double the round trips, so the server must advertise exactly the service under test.
            if (found == null || !found.getAddress().equals(wanted)) {
                connection.disconnect();
                throw new IllegalStateException(target.name() + ": " + target.domain() + " advertises upload service "
                        + (found == null ? "none" : found.getAddress()) + ", expected " + wanted);
            }
            return new Xmpp(connection, uploads, wanted);
        }

        @Override
        public UploadUrls slot(String name, long size) throws Exception {
            Slot slot = uploads.requestSlot(name, size, CONTENT_TYPE, service);
            return urls(slot);
        }

        /**
         * Sends {@code count} slot requests with at most {@code inFlight} unanswered at any time (Smack async IQs
         * over this one connection) and waits for every answer.
         *
         * @return how many were refused or failed
         */
        public int pipelinedSlots(String prefix, int count, int inFlight, long size) throws InterruptedException {
            return pipelined(count, inFlight, false, i -> new SlotRequest(service, prefix + i + ".bin", size, CONTENT_TYPE));
        }

        /**
         * XEP-0199 pings to the upload service, {@code inFlight} at a time: the cheapest round trip through the
         * XMPP server to the service, the ceiling for any slot rate. An error answer counts as a round trip too.
         *
         * @return how many got no answer at all
         */
        public int pipelinedPings(int count, int inFlight) throws InterruptedException {
            return pipelined(count, inFlight, true, i -> new Ping(service));
        }

        private int pipelined(int count, int inFlight, boolean errorsAreAnswers, IntFunction<IQ> requestFor)
                throws InterruptedException {
            Semaphore window = new Semaphore(inFlight);
            CountDownLatch answered = new CountDownLatch(count);
            AtomicInteger failed = new AtomicInteger();
            AtomicReference<Exception> firstFailure = new AtomicReference<>();
            for (int i = 0; i < count; i++) {
                window.acquire();
                IQ request = requestFor.apply(i);
                connection.sendIqRequestAsync(request)
                        .onSuccess(iq -> {
                            window.release();
                            answered.countDown();
                        })
                        .onError(e -> {
                            if (!(errorsAreAnswers && e instanceof XMPPException.XMPPErrorException)) {
                                failed.incrementAndGet();
                                firstFailure.compareAndSet(null, e);
                            }
                            window.release();
                            answered.countDown();
                        });
            }
            answered.await();
            if (firstFailure.get() != null) {
                System.err.println("  slot request failed: " + firstFailure.get());
            }
            return failed.get();
        }

        private static UploadUrls urls(Slot slot) throws URISyntaxException {
            return new UploadUrls(slot.getPutUrl().toURI(), slot.getGetUrl().toURI(), slot.getHeaders());
        }

        @Override
        public void close() {
            connection.disconnect();
        }
    }

    /** WebDAV needs no slot: the client picks the name. */
    final class WebDav implements UploadSession {
        private final URI base;

        WebDav(URI base) {
            this.base = base;
        }

        @Override
        public UploadUrls slot(String name, long size) {
            URI uri = base.resolve(name);
            return new UploadUrls(uri, uri, java.util.Map.of());
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    /** Unwraps Smack's checked failures into one message for the report. */
    static String describe(Exception e) {
        if (e instanceof XMPPException.XMPPErrorException x) {
            return "XMPP error " + x.getStanzaError().getCondition();
        }
        if (e instanceof SmackException || e instanceof IOException) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return e.toString();
    }
}
