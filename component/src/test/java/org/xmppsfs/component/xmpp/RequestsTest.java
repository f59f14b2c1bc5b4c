package org.xmppsfs.component.xmpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.upload.MirrorRequest;
import org.xmppsfs.upload.Outcome;
import org.xmppsfs.upload.Purpose;
import org.xmppsfs.upload.Refusal;
import org.xmppsfs.upload.SlotRequest;

class RequestsTest {

    private static Element xml(String s) throws Exception {
        return DocumentHelper.parseText(s).getRootElement();
    }

    private static String badText(Outcome<?> o) {
        Refusal r = assertInstanceOf(Outcome.Refused.class, o).refusal();
        return assertInstanceOf(Refusal.BadRequest.class, r).text();
    }

    @Test
    void slotRequestWithPurpose() throws Exception {
        Outcome<SlotRequest> o = Requests.slot(xml("<request xmlns='urn:xmpp:http:upload:0' filename='très cool.jpg' "
                + "size='5000000000' content-type='image/jpeg'><ephemeral xmlns='urn:xmpp:http:upload:purpose:0' "
                + "expire-before='2025-09-10T23:08:25Z'/></request>"), "alice@example.org");
        SlotRequest r = assertInstanceOf(Outcome.Ok.class, o).value() instanceof SlotRequest s ? s : null;
        assertEquals("très cool.jpg", r.filename());
        assertEquals(5_000_000_000L, r.size(), "XEP-0363 §4: size is a long; files > 2 GiB work");
        assertEquals(Optional.of("image/jpeg"), r.contentType());
        assertEquals(new Purpose.Ephemeral(Instant.parse("2025-09-10T23:08:25Z")), r.purpose());
    }

    @Test
    void noPurposeMeansMessage() throws Exception {
        Outcome<SlotRequest> o = Requests.slot(xml("<request xmlns='urn:xmpp:http:upload:0' filename='a' size='1'/>"), "a@b");
        assertEquals(Purpose.MESSAGE, ((Outcome.Ok<SlotRequest>) o).value().purpose(), "XEP-0363 v1.2 §Purpose: MUST assume message");
    }

    @Test
    void eachBadSlotRequestSaysWhatIsWrong() throws Exception {
        String ns = " xmlns='urn:xmpp:http:upload:0'";
        assertTrue(badText(Requests.slot(xml("<request" + ns + " size='1'/>"), "a@b")).contains("filename attribute is missing"));
        assertTrue(badText(Requests.slot(xml("<request" + ns + " filename='a'/>"), "a@b")).contains("size attribute is missing"));
        assertTrue(badText(Requests.slot(xml("<request" + ns + " filename='a' size='0'/>"), "a@b")).contains("must be positive, was 0"));
        assertTrue(badText(Requests.slot(xml("<request" + ns + " filename='a' size='-5'/>"), "a@b")).contains("must be positive, was -5"));
        assertTrue(badText(Requests.slot(xml("<request" + ns + " filename='a' size='12kb'/>"), "a@b")).contains("not a whole number"));
        assertTrue(badText(Requests.slot(xml("<request" + ns + " filename='a' size='99999999999999999999'/>"), "a@b"))
                .contains("larger than any file"));
        assertTrue(badText(Requests.slot(xml("<request" + ns + " filename='a' size='1'><ephemeral xmlns='urn:xmpp:http:upload:purpose:0'/></request>"), "a@b"))
                .contains("expire-before"));
        assertTrue(badText(Requests.slot(xml("<request" + ns + " filename='a' size='1'><ephemeral xmlns='urn:xmpp:http:upload:purpose:0' expire-before='tomorrow'/></request>"), "a@b"))
                .contains("'tomorrow' is not an XEP-0082 DateTime"));
        assertTrue(badText(Requests.slot(xml("<request" + ns + " filename='a' size='1'><forever xmlns='urn:xmpp:http:upload:purpose:0'/></request>"), "a@b"))
                .contains("unknown purpose 'forever'"));
    }

    @Test
    void hashesAreChecked() throws Exception {
        String sha = "2XarmwTlNxDAMkvymloX3S5+VbylNrJt/l5QyPa+YoU=";
        String h = "xmlns='urn:xmpp:hashes:2'";
        Outcome<List<Hash>> ok = Requests.lookup(xml("<lookup xmlns='x'><hash " + h + " algo='sha-256'>" + sha + "</hash>"
                + "<hash " + h + " algo='x-unknown'>AAAA</hash></lookup>"));
        assertEquals(2, ((Outcome.Ok<List<Hash>>) ok).value().size(), "unknown algorithms are kept, not fatal");
        assertTrue(badText(Requests.lookup(xml("<lookup xmlns='x'><hash " + h + " algo='md5'>AAAA</hash></lookup>"))).contains("XEP-0414"));
        assertTrue(badText(Requests.lookup(xml("<lookup xmlns='x'><hash " + h + " algo='sha-256'>" + sha + "</hash><hash " + h
                + " algo='SHA-256'>" + sha + "</hash></lookup>"))).contains("one per algorithm"));
        assertTrue(badText(Requests.lookup(xml("<lookup xmlns='x'><hash " + h + " algo='sha-256'>AAAA</hash></lookup>"))).contains("it must have 32"));
        assertTrue(badText(Requests.lookup(xml("<lookup xmlns='x'><hash " + h + " algo='sha-256'>!!!</hash></lookup>"))).contains("Base64"));
        assertTrue(badText(Requests.lookup(xml("<lookup xmlns='x'/>"))).contains("no hash"));
        assertTrue(badText(Requests.lookup(xml("<lookup xmlns='x'><hash " + h + " algo='x-unknown'>AAAA</hash></lookup>"))).contains("supported"));
    }

    @Test
    void mirrorRequest() throws Exception {
        String sha = "2XarmwTlNxDAMkvymloX3S5+VbylNrJt/l5QyPa+YoU=";
        Outcome<MirrorRequest> o = Requests.mirror(xml("<mirror xmlns='" + Namespaces.MIRROR + "' url='https://files.example.net/a%20b.png' "
                + "size='42' media-type='image/png'><hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>" + sha + "</hash></mirror>"), "a@b");
        MirrorRequest r = ((Outcome.Ok<MirrorRequest>) o).value();
        assertEquals(42, r.size());
        assertEquals(Optional.of("image/png"), r.mediaType());
        assertTrue(badText(Requests.mirror(xml("<mirror xmlns='m' url='https://x.example/a' size='1'/>"), "a@b")).contains("no hash given"),
                "XEP-0447 §Security: never fetch without a hash");
        assertTrue(badText(Requests.mirror(xml("<mirror xmlns='m' size='1'/>"), "a@b")).contains("url attribute is missing"));
        assertTrue(badText(Requests.mirror(xml("<mirror xmlns='m' url='relative/path' size='1'/>"), "a@b")).contains("absolute"));
    }
}
