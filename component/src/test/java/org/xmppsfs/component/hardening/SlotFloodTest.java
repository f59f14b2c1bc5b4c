package org.xmppsfs.component.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.dom4j.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.IQ;
import org.xmppsfs.component.hardening.ComponentUnderTest.StanzaError;
import org.xmppsfs.component.xmpp.Namespaces;

/**
 * A flood of 10,000 slot requests from one JID. The per-JID token bucket grants the burst and refuses the rest
 * with wait / policy-violation and an XEP-0363 {@code <retry stamp>}; a request from another JID in the middle of
 * the flood still gets its slot. The component's clock is fixed, so no token comes back during the test and the
 * counts are exact; nothing is timed.
 */
class SlotFloodTest {

    private static final int FLOOD = 10_000;
    private static final int BURST = 20;
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    /**
     * Requests in flight at once. Tinder queues at most 1,000 stanzas and answers any beyond with its own
     * resource-constraint; staying below that keeps this test about the rate limiter, not the queue.
     */
    private static final int IN_FLIGHT = 500;

    @TempDir
    Path dataDir;

    @Test
    void tenThousandRequestsFromOneJidGetTheBurstThenPolicyViolationsAndAnotherJidIsUnaffected() throws Exception {
        try (ComponentUnderTest component = new ComponentUnderTest(dataDir, BURST, Clock.fixed(NOW, ZoneOffset.UTC))) {
            Semaphore window = new Semaphore(IN_FLIGHT);
            component.onReply(reply -> window.release());
            List<CompletableFuture<IQ>> flood = new ArrayList<>(FLOOD);
            CompletableFuture<IQ> bystander = null;
            for (int i = 0; i < FLOOD; i++) {
                assertTrue(window.tryAcquire(30, TimeUnit.SECONDS), "the component stopped answering after " + i + " requests");
                flood.add(component.send(request("flood-" + i, "mallory@example.org/bot")));
                if (i == FLOOD / 2) {
                    assertTrue(window.tryAcquire(30, TimeUnit.SECONDS));
                    bystander = component.send(request("bystander", "bob@example.org/laptop"));
                }
            }

            int granted = 0;
            int limited = 0;
            for (CompletableFuture<IQ> f : flood) {
                IQ reply = f.get(30, TimeUnit.SECONDS);
                if (reply.getType() == IQ.Type.result) {
                    assertEquals("slot", reply.getChildElement().getName());
                    granted++;
                    continue;
                }
                StanzaError error = StanzaError.of(reply);
                assertEquals("wait", error.type(), reply.toXML());
                assertEquals("policy-violation", error.condition(), reply.toXML());
                assertEquals("too many requests; at most " + BURST + " per minute", error.text());
                // one token comes back every 60 s / BURST = 3 s after the (fixed) now
                assertEquals("2030-01-01T00:00:03Z",
                        error.element().element(QName.get("retry", Namespaces.HTTP_UPLOAD)).attributeValue("stamp"),
                        "XEP-0363 §Error conditions: <retry stamp> says when to try again");
                limited++;
            }
            assertEquals(BURST, granted, "exactly the burst is granted");
            assertEquals(FLOOD - BURST, limited, "every other request of the flood is refused");

            assertNotNull(bystander);
            IQ bobsReply = bystander.get(30, TimeUnit.SECONDS);
            assertEquals(IQ.Type.result, bobsReply.getType(), "another JID is unaffected: " + bobsReply.toXML());
            assertEquals("slot", bobsReply.getChildElement().getName());

            assertTrue(component.unexpected().isEmpty(),
                    "every request got exactly one answer; extra packets: " + component.unexpected().size());
        }
    }

    private static IQ request(String id, String from) throws Exception {
        return ComponentUnderTest.iq(id, from,
                "<request xmlns='" + Namespaces.HTTP_UPLOAD + "' filename='f.bin' size='1000'/>");
    }
}
