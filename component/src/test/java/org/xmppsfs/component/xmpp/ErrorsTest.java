package org.xmppsfs.component.xmpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmppsfs.upload.Refusal;

class ErrorsTest {

    private static IQ request() {
        IQ iq = new IQ(IQ.Type.get, "r1");
        iq.setFrom("alice@example.org/phone");
        iq.setTo("upload.example.org");
        iq.setChildElement("request", Namespaces.HTTP_UPLOAD).addAttribute("filename", "a.bin").addAttribute("size", "99");
        return iq;
    }

    private static Element condition(IQ reply, String name) {
        return reply.getElement().element("error").element(QName.get(name, Namespaces.STANZAS));
    }

    @Test
    void fileTooLargeCarriesMaxFileSizeAndEchoesTheRequest() {
        IQ reply = Errors.reply(request(), new Refusal.TooLarge(20000, "file of 99 bytes exceeds 20000"));
        assertEquals(IQ.Type.error, reply.getType());
        assertEquals("alice@example.org/phone", reply.getTo().toString());
        assertNotNull(reply.getChildElement(), "XEP-0363 §Error conditions: the request is echoed");
        assertEquals("request", reply.getChildElement().getName());
        Element error = reply.getElement().element("error");
        assertEquals("modify", error.attributeValue("type"));
        assertNotNull(condition(reply, "not-acceptable"));
        Element tooLarge = error.element(QName.get("file-too-large", Namespaces.HTTP_UPLOAD));
        assertEquals("20000", tooLarge.elementText(QName.get("max-file-size", Namespaces.HTTP_UPLOAD)));
        assertEquals("file of 99 bytes exceeds 20000", error.elementText(QName.get("text", Namespaces.STANZAS)));
    }

    @Test
    void quotaCarriesRetryStampInUtc() {
        IQ reply = Errors.reply(request(), new Refusal.QuotaExceeded(Instant.parse("2017-12-03T23:42:05.123Z"), "quota"));
        Element error = reply.getElement().element("error");
        assertEquals("wait", error.attributeValue("type"));
        assertNotNull(condition(reply, "resource-constraint"));
        assertEquals("2017-12-03T23:42:05Z", error.element(QName.get("retry", Namespaces.HTTP_UPLOAD)).attributeValue("stamp"));
    }

    @Test
    void rateLimitIsPolicyViolationWithRetry() {
        IQ reply = Errors.reply(request(), new Refusal.RateLimited(Instant.parse("2030-01-01T00:00:00Z"), "slow down"));
        assertEquals("wait", reply.getElement().element("error").attributeValue("type"));
        assertNotNull(condition(reply, "policy-violation"));
        assertNotNull(reply.getElement().element("error").element(QName.get("retry", Namespaces.HTTP_UPLOAD)));
    }

    @Test
    void theRestOfTheCatalogue() {
        assertEquals("auth", type(new Refusal.Forbidden("no")));
        assertNotNull(condition(Errors.reply(request(), new Refusal.Forbidden("no")), "forbidden"));
        assertEquals("modify", type(new Refusal.BadRequest("no")));
        assertEquals("cancel", type(new Refusal.NotFound("no")));
        assertNotNull(condition(Errors.reply(request(), new Refusal.NotFound("no")), "item-not-found"));
        assertEquals("cancel", type(new Refusal.Conflict("no")));
        assertEquals("wait", type(new Refusal.InsufficientStorage("no")));
        assertEquals("modify", type(new Refusal.HashMismatch("sha-256", "no")));
        assertEquals("cancel", type(new Refusal.SourceRefused("no")));
        assertNotNull(condition(Errors.reply(request(), new Refusal.SourceRefused("no")), "not-acceptable"));
        assertEquals("wait", type(new Refusal.Internal("no")));
    }

    private static String type(Refusal r) {
        return Errors.reply(request(), r).getElement().element("error").attributeValue("type");
    }
}
