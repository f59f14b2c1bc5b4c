package org.xmppsfs.model.smack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmppsfs.model.AttachTo;
import org.xmppsfs.model.FileMetadata;
import org.xmppsfs.model.FileSharing;
import org.xmppsfs.model.SourceList;
import org.xmppsfs.model.UrlDataSource;
import org.xmppsfs.model.xml.SfsReader;

/** Smack 4.4 providers and extension elements, through Smack's own stanza parser (smack-xmlparser-stax). */
class SmackBindingTest {

    @BeforeAll
    static void register() {
        SfsProviders.register();
    }

    @AfterAll
    static void unregister() {
        SfsProviders.unregister();
    }

    private static String example(String name) throws Exception {
        try (InputStream in = SmackBindingTest.class.getResourceAsStream("/xep-examples/" + name)) {
            // On a real stream the message inherits jabber:client; the XEP examples leave it out, and Smack
            // then takes a bare <body> for an extension element.
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceFirst("<message ", "<message xmlns='jabber:client' ");
        }
    }

    @Test
    void parsesTheXep0447ExampleStanzaIntoTypedExtensions() throws Exception {
        String xml = example("xep-0447-ex01-sharing-summit-jpg-with-juliet-shakespeare-lit.xml");
        Message message = PacketParserUtils.parseStanza(xml);
        FileSharingElement fse = message.getExtension(FileSharingElement.class);
        assertEquals(SfsReader.strict().parseMessage(xml).fileSharings().get(0), fse.fileSharing());
        assertTrue(fse.violations().isEmpty());
    }

    @Test
    void parsesMultipleFileSharingsAndAttachMessages() throws Exception {
        Message shares = PacketParserUtils.parseStanza(example("xep-0447-ex07a-sharing-multiple-files-and-attaching-sources-with-fallback.xml"));
        List<FileSharingElement> all = shares.getExtensions(FileSharingElement.class);
        assertEquals(3, all.size());
        assertEquals(Optional.of("photo3.jpg"), all.get(2).fileSharing().id());

        Message attach = PacketParserUtils.parseStanza(example("xep-0447-ex07b-sharing-multiple-files-and-attaching-sources-with-fallback.xml"));
        assertEquals("sharing-files", attach.getExtension(AttachToElement.class).attachTo().id());
        SourcesElement sources = attach.getExtension(SourcesElement.class);
        assertEquals(Optional.of("photo1.jpg"), sources.sources().id());
        assertTrue(attach.getBody().endsWith("photo1.jpg"));
    }

    @Test
    void builtMessageSerialisesAndParsesBack() throws Exception {
        FileSharing fs = FileSharing.of(FileMetadata.builder().name("a&b.txt").mediaType("text/plain").size(3).build(),
                List.of(UrlDataSource.of("https://h/a%26b.txt")));
        Message message = StanzaBuilder.buildMessage("m1")
                .addExtension(new FileSharingElement(fs))
                .addExtension(new AttachToElement("m0"))
                .addExtension(new SourcesElement(SourceList.of("x", List.of(UrlDataSource.of("https://h/2")))))
                .build();
        String xml = message.toXML().toString();
        Message back = PacketParserUtils.parseStanza(xml);
        assertEquals(fs, back.getExtension(FileSharingElement.class).fileSharing());
        assertEquals(new AttachTo("m0"), back.getExtension(AttachToElement.class).attachTo());
        assertEquals(Optional.of("x"), back.getExtension(SourcesElement.class).sources().id());
    }

    @Test
    void providerParsesFromAParserPositionedOnTheElement() throws Exception {
        XmlPullParser parser = PacketParserUtils.getParserFor(
                "<file-sharing xmlns='urn:xmpp:sfs:0' id='i'><file xmlns='urn:xmpp:file:metadata:0'><desc xml:lang='en'>x</desc></file>"
                        + "<sources/></file-sharing>");
        FileSharingElement e = new FileSharingProvider().parse(parser);
        assertEquals(Optional.of("i"), e.fileSharing().id());
        assertEquals(Optional.of("en"), e.fileSharing().file().descs().get(0).lang());
        assertEquals(XmlPullParser.Event.END_ELEMENT, parser.getEventType());
    }

    @Test
    void ruleViolationsTravelWithTheElementAndUnreadableInputThrows() throws Exception {
        String dup = "<file-sharing xmlns='urn:xmpp:sfs:0'><file xmlns='urn:xmpp:file:metadata:0'>"
                + "<hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>AA==</hash><hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>AA==</hash>"
                + "</file></file-sharing>";
        FileSharingElement e = new FileSharingProvider().parse(PacketParserUtils.getParserFor(dup));
        assertEquals("0300", e.violations().get(0).xep());
        assertThrows(SmackParsingException.class, () -> new FileSharingProvider(SfsReader.strict()).parse(PacketParserUtils.getParserFor(dup)));
        assertThrows(SmackParsingException.class,
                () -> new AttachToProvider().parse(PacketParserUtils.getParserFor("<attach-to xmlns='urn:xmpp:message-attaching:1'/>")));
    }

    @Test
    void messageBuilderApiIsUsable() {
        MessageBuilder b = StanzaBuilder.buildMessage();
        b.addExtension(new AttachToElement("x"));
        assertTrue(b.build().toXML().toString().contains("<attach-to xmlns='urn:xmpp:message-attaching:1' id='x'/>"));
    }
}
