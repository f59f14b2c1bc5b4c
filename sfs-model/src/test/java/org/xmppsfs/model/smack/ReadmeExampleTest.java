package org.xmppsfs.model.smack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.xmppsfs.model.Disposition;
import org.xmppsfs.model.FileMetadata;
import org.xmppsfs.model.FileSharing;
import org.xmppsfs.model.UrlDataSource;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;

/** The Smack example of README.md, compiled and run: what a client developer copies must work. */
class ReadmeExampleTest {

    @BeforeAll
    static void register() {
        SfsProviders.register();
    }

    @AfterAll
    static void unregister() {
        SfsProviders.unregister();
    }

    @Test
    void sendingAndReceivingAFileSharingElement() throws Exception {
        byte[] sha256 = new byte[32];
        // --- as in README.md ---
        FileSharing share = FileSharing.of(
                        FileMetadata.builder().name("photo.jpg").mediaType("image/jpeg").size(23456)
                                .hash(Hash.of(HashAlgorithm.SHA_256, sha256)).build(),
                        List.of(UrlDataSource.of("https://upload.example.org/files/…/photo.jpg")))
                .withId("photo-1").withDisposition(Disposition.INLINE);
        Message m = StanzaBuilder.buildMessage().to(JidCreate.from("bob@example.org"))
                .addExtension(new FileSharingElement(share)).build();
        // --- received on the other side ---
        Message received = PacketParserUtils.parseStanza(m.toXML().toString());
        FileSharingElement fs = received.getExtension(FileSharingElement.class);
        assertEquals(share, fs.fileSharing());
        assertEquals(List.of(), fs.violations());
    }
}
