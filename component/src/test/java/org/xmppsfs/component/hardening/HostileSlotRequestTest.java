package org.xmppsfs.component.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.IQ;
import org.xmppsfs.component.hardening.ComponentUnderTest.StanzaError;
import org.xmppsfs.component.xmpp.Namespaces;
import org.xmppsfs.upload.Outcome;
import org.xmppsfs.upload.Purpose;
import org.xmppsfs.upload.Refusal;
import org.xmppsfs.upload.SlotGrant;
import org.xmppsfs.upload.SlotRequest;

/**
 * Hostile XEP-0363 slot requests fed to the component as stanzas parsed from XML, answered by a real upload
 * server. Each refusal is checked for its error type, its RFC 6120 condition and a text naming the problem.
 * Other filename cases (empty, '.', '..', '/', '\', NUL, control and bidi characters) are covered at the slot
 * service by {@code SlotServiceTest#badFilenamesAreBadRequests}; the ones here check that the refusal
 * reaches the requester intact.
 */
class HostileSlotRequestTest {

    @TempDir
    static Path dataDir;
    static ComponentUnderTest component;
    static int ids;

    @BeforeAll
    static void start() throws Exception {
        component = new ComponentUnderTest(dataDir, 0, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        component.close();
    }

    private static IQ ask(String attributes, String children) throws Exception {
        return component.ask(ComponentUnderTest.iq("r" + ++ids, "alice@example.org/phone",
                "<request xmlns='" + Namespaces.HTTP_UPLOAD + "' " + attributes + ">" + children + "</request>"));
    }

    /** An XML attribute value, with CR, LF and tab as character references so that parsing keeps them. */
    private static String attr(String value) {
        return value.replace("&", "&amp;").replace("'", "&apos;").replace("<", "&lt;")
                .replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#9;");
    }

    private static void assertBadRequest(IQ reply, String textPart) {
        StanzaError error = StanzaError.of(reply);
        assertEquals("modify", error.type(), reply.toXML());
        assertEquals("bad-request", error.condition(), reply.toXML());
        assertNotNull(error.text(), "every refusal says why");
        assertTrue(error.text().contains(textPart), "'" + error.text() + "' should contain '" + textPart + "'");
        assertEquals("request", reply.getChildElement().getName(), "XEP-0363 §Error conditions: the request is echoed");
    }

    private static void assertGranted(IQ reply) {
        assertEquals(IQ.Type.result, reply.getType(), reply.toXML());
        Element slot = reply.getChildElement();
        assertEquals("slot", slot.getName());
        assertTrue(slot.element("put").attributeValue("url").startsWith("https://upload.example.org/files/"));
        assertTrue(slot.element("get").attributeValue("url").startsWith("https://upload.example.org/files/"));
    }

    @Test
    void aContentTypeWithCrOrLfIsABadRequestNamingTheCharacter() throws Exception {
        // Parsed XML keeps CR and LF given as character references (&#13; &#10;): the way a hostile client
        // would smuggle a header line into whatever later writes this value into an HTTP response.
        assertBadRequest(ask("filename='a.txt' size='10' content-type='" + attr("text/plain\r\nSet-Cookie: a=b") + "'", ""),
                "carriage return (CR) at position 10");
        assertBadRequest(ask("filename='a.txt' size='10' content-type='" + attr("text/plain\nX-Evil: 1") + "'", ""),
                "line feed (LF) at position 10");
        assertBadRequest(ask("filename='a.txt' size='10' content-type='" + attr("text/plain; charset=utf-8\r\n") + "'", ""),
                "carriage return (CR)");
        assertBadRequest(ask("filename='a.txt' size='10' content-type='" + attr("text/plain;\ncharset=utf-8") + "'", ""),
                "line feed (LF)");
        // a tab is optional white space between parameters (RFC 9110 §5.6.3), not a line break
        assertGranted(ask("filename='a.txt' size='10' content-type='" + attr("text/plain;\tcharset=utf-8") + "'", ""));
    }

    @Test
    void theSlotServiceItselfRefusesALineBreakBetweenParameters() {
        // Callers other than the XMPP component (the Openfire plugin, the HTTP MMMSG endpoint) reach the slot
        // service directly: its media-type rule must not admit CR or LF as optional white space either.
        for (String type : List.of("text/plain;\ncharset=utf-8", "text/plain\r\n;charset=utf-8")) {
            Outcome<SlotGrant> o = component.slots().requestSlot(new SlotRequest("alice@example.org", "a.txt", 10,
                    Optional.of(type), Purpose.MESSAGE));
            Refusal refusal = assertInstanceOf(Outcome.Refused.class, o).refusal();
            assertTrue(assertInstanceOf(Refusal.BadRequest.class, refusal).text().startsWith("content-type is not a media type"),
                    refusal.text());
        }
        assertInstanceOf(Outcome.Ok.class, component.slots().requestSlot(new SlotRequest("alice@example.org", "a.txt", 10,
                Optional.of("text/plain; \tcharset=utf-8"), Purpose.MESSAGE)));
    }

    @Test
    void aThousandCharacterContentTypeIsABadRequestNamingTheLimit() throws Exception {
        String longType = "application/" + "x".repeat(1000 - "application/".length());
        assertEquals(1000, longType.length());
        assertBadRequest(ask("filename='a.bin' size='10' content-type='" + longType + "'", ""),
                "is 1000 characters long; at most 255 are allowed");
        // one past the limit is refused, the limit itself is a well-formed media type and granted
        String atLimit = "application/" + "x".repeat(255 - "application/".length());
        assertBadRequest(ask("filename='a.bin' size='10' content-type='" + atLimit + "y'", ""), "is 256 characters long");
        assertGranted(ask("filename='a.bin' size='10' content-type='" + atLimit + "'", ""));
    }

    @Test
    void unknownChildElementsInTheRequestAreIgnored() throws Exception {
        // XEP-0363 §Requesting a slot defines attributes and (v1.2) one purpose child; XMPP is extensible
        // (RFC 6120 §8.4: an entity ignores extended content it does not understand), so foreign elements
        // are ignored and the slot granted.
        assertGranted(ask("filename='a.png' size='10' content-type='image/png'",
                "<foo xmlns='urn:example'/><bar xmlns='urn:example:other' attr='x'><baz/>text</bar>"));
        // an element in the upload namespace that the XEP does not define is just as foreign
        assertGranted(ask("filename='a.png' size='10'", "<thumbnail xmlns='" + Namespaces.HTTP_UPLOAD + "'/>"));
        // and an extension next to a purpose does not hide the purpose
        assertGranted(ask("filename='a.png' size='10'", "<foo xmlns='urn:example'/><profile xmlns='" + Namespaces.PURPOSE + "'/>"));
    }

    @Test
    void anUnknownPurposeIsABadRequestNotAMessage() throws Exception {
        // XEP-0363 §Upload purpose: purposes are advertised one by one in disco (…purpose:0#message etc.), and
        // 'message' is the default only when NO purpose is given. An element in the purpose namespace that we do
        // not know asks for a retention we cannot promise: read as 'message', a file meant to be kept (or one
        // meant to expire early) would be deleted on the wrong schedule. So the client is told, not guessed for.
        assertBadRequest(ask("filename='a.png' size='10'", "<forever xmlns='" + Namespaces.PURPOSE + "'/>"),
                "unknown purpose 'forever'");
        assertBadRequest(ask("filename='a.png' size='10'",
                "<message xmlns='" + Namespaces.PURPOSE + "'/><profile xmlns='" + Namespaces.PURPOSE + "'/>"),
                "more than one purpose element");
    }

    @Test
    void aTenThousandCharacterFilenameIsABadRequestNamingItsLength() throws Exception {
        assertBadRequest(ask("filename='" + "a".repeat(10_000) + "' size='10'", ""),
                "filename is 10000 bytes long in UTF-8; at most 255 allowed");
        // multi-byte characters count in bytes: 10,000 × 'é' is 20,000 bytes
        assertBadRequest(ask("filename='" + "é".repeat(10_000) + "' size='10'", ""), "filename is 20000 bytes long");
    }

    @Test
    void filenamesThatAreNotPlainNamesAreBadRequestsOverXmpp() throws Exception {
        assertBadRequest(ask("filename='../../etc/passwd' size='10'", ""), "must not contain '/' or '\\'");
        assertBadRequest(ask("filename='..\\boot.ini' size='10'", ""), "must not contain '/' or '\\'");
        assertBadRequest(ask("filename='..' size='10'", ""), "must not be '.' or '..'");
        assertBadRequest(ask("filename='" + attr("a\nb.txt") + "' size='10'", ""), "control characters");
        assertBadRequest(ask("filename='" + attr("a\tb.txt") + "' size='10'", ""), "control characters");
        assertBadRequest(ask("filename='gnp\u202E.exe' size='10'", ""), "bidirectional");
        assertBadRequest(ask("filename='' size='10'", ""), "filename attribute is empty");
        // NUL cannot be written in XML 1.0 at all (not even as &#0;), so a stream carrying one never parses; a
        // stanza built in process (the Openfire plugin receives dom4j objects) can still carry one.
        IQ withNul = ComponentUnderTest.iq("nul" + ++ids, "alice@example.org/phone",
                "<request xmlns='" + Namespaces.HTTP_UPLOAD + "' filename='x' size='10'/>");
        withNul.getChildElement().addAttribute("filename", "a\0.txt");
        assertBadRequest(component.ask(withNul), "control characters");
        assertTrue(component.unexpected().isEmpty(), "nothing was sent besides the replies: " + component.unexpected());
    }
}
