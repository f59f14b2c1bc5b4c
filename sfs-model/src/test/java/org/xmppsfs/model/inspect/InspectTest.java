package org.xmppsfs.model.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectTest {

    record Result(int code, String out, String err) {
    }

    private static Result run(String input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Inspect.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String example(String name) throws Exception {
        try (InputStream in = InspectTest.class.getResourceAsStream("/xep-examples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void cleanAttachMessageExitsZero() throws Exception {
        Result r = run(example("xep-0447-ex05b-sharing-a-file-and-attaching-the-primary-source-for-the-file.xml"));
        assertEquals(Inspect.OK, r.code(), r.out());
        assertTrue(r.out().contains("\"attach-to\": \"sharing-a-file\""), r.out());
        assertTrue(r.out().contains("\"violations\": []"), r.out());
    }

    @Test
    void xep0447ExampleReportsTheTwentyByteBlake2bDigest() throws Exception {
        Result r = run(example("xep-0447-ex01-sharing-summit-jpg-with-juliet-shakespeare-lit.xml"));
        assertEquals(Inspect.VIOLATIONS, r.code());
        assertTrue(r.out().contains("\"xep\": \"XEP-0300\""), r.out());
        assertTrue(r.out().contains("this one is 20"), r.out());
        assertTrue(r.out().contains("\"name\": \"summit.jpg\""), r.out());
        assertTrue(r.out().contains("\"type\": \"jinglepub\""), r.out());
    }

    @Test
    void encryptedExampleShowsCipherAndLegacyDimension() throws Exception {
        Result r = run(example("xep-0448-ex01-sharing-summit-jpg-with-juliet-shakespeare-lit-using-encrypt.xml"));
        assertTrue(r.out().contains("\"cipher\": \"urn:xmpp:ciphers:aes-256-gcm-nopadding:0\""), r.out());
        assertTrue(r.out().contains("\"legacy-dimension\": \"4096x2160\""), r.out());
    }

    @Test
    void singleElementsAreAccepted() {
        Result r = run("<url-data xmlns='http://jabber.org/protocol/url-data' target='https://h/f'/>");
        assertEquals(Inspect.OK, r.code(), r.out());
        assertTrue(r.out().contains("\"target\": \"https://h/f\""));
    }

    @Test
    void duplicateAlgoGivesExitOneAndListsEveryViolation() {
        Result r = run("<file-sharing xmlns='urn:xmpp:sfs:0' disposition='nope'><file xmlns='urn:xmpp:file:metadata:0'>"
                + "<hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>AA==</hash><hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>AA==</hash>"
                + "<hash xmlns='urn:xmpp:hashes:2' algo='md5'>AA==</hash></file></file-sharing>");
        assertEquals(Inspect.VIOLATIONS, r.code());
        assertTrue(r.out().contains("duplicate algo 'sha-256'"), r.out());
        assertTrue(r.out().contains("XEP-0414"), r.out());
        assertTrue(r.out().contains("disposition 'nope'"), r.out());
    }

    @Test
    void badBase64IsUnparseable() {
        Result r = run("<file xmlns='urn:xmpp:file:metadata:0'><hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>**</hash></file>");
        assertEquals(Inspect.UNPARSEABLE, r.code());
        assertTrue(r.out().contains("\"element\": \"hash\""), r.out());
        assertTrue(r.err().contains("RFC 4648"), r.err());
    }

    @Test
    void dtdIsUnparseable() {
        Result r = run("<!DOCTYPE m [<!ENTITY e 'x'>]><message xmlns='jabber:client'><body>&e;</body></message>");
        assertEquals(Inspect.UNPARSEABLE, r.code());
        assertTrue(r.err().contains("DTD"), r.err());
    }

    @Test
    void readsAFileNamedOnTheCommandLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.xml");
        Files.writeString(f, "<attach-to xmlns='urn:xmpp:message-attaching:1' id='a'/>");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Inspect.main(new String[] {f.toString()}, InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(Inspect.OK, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"attach-to\": \"a\""));
        assertEquals(Inspect.USAGE, Inspect.main(new String[] {dir.resolve("missing").toString()}, InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }
}
