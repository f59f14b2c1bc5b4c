package org.xmppsfs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;
import org.xmppsfs.model.xml.SfsReader;

/** The sender-side helpers produce what XEP-0447 §Sharing a file and §Attaching a source describe. */
class SharedFileMessageTest {

    private static final String URL = "https://upload.example/abc/summit.jpg";
    private static final FileMetadata FILE = FileMetadata.builder().mediaType("image/jpeg").name("summit.jpg").size(3032449)
            .hash(Hash.of(HashAlgorithm.SHA_256, new byte[32])).build();

    @Test
    void xep0447_sharingAFile_withUrlSourceGetsFallbackBodyOobAndStore() throws Exception {
        SharedFileMessage m = SharedFileMessage.share(FileSharing.of(FILE, List.of(UrlDataSource.of(URL))).withDisposition(Disposition.INLINE));
        assertEquals(Optional.of(URL), m.body());
        List<String> xml = m.extensionXml();
        assertTrue(xml.get(0).startsWith("<file-sharing xmlns='urn:xmpp:sfs:0' disposition='inline'>"), xml.get(0));
        assertTrue(xml.contains("<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:sfs:0'><body/></fallback>"), xml.toString());
        assertTrue(xml.contains("<x xmlns='jabber:x:oob'><url>" + URL + "</url></x>"), xml.toString());
        assertTrue(xml.contains("<store xmlns='urn:xmpp:hints'/>"), xml.toString());
        String stanza = m.toXml(Optional.of("juliet@example.org"), Optional.empty(), Optional.of("chat"));
        assertEquals(m, SfsReader.strict().parseMessage(stanza));
    }

    @Test
    void xep0447_sharingAFile_pendingShareHasNoBodyButAStoreHint() {
        SharedFileMessage m = SharedFileMessage.share(FileSharing.pending(FILE));
        assertTrue(m.body().isEmpty());
        assertTrue(m.storeHint());
        assertTrue(m.fallbacks().isEmpty());
    }

    @Test
    void xep0447_attachingASource_carriesAttachToSourcesWithIdAndFallback() throws Exception {
        SharedFileMessage m = SharedFileMessage.attach(new AttachTo("sharing-a-file"), SourceList.of("file-sharing-id", List.of(UrlDataSource.of(URL))));
        List<String> xml = m.extensionXml();
        assertEquals("<attach-to xmlns='urn:xmpp:message-attaching:1' id='sharing-a-file'/>", xml.get(0));
        assertEquals("<sources xmlns='urn:xmpp:sfs:0' id='file-sharing-id'><url-data xmlns='http://jabber.org/protocol/url-data' target='"
                + URL + "'/></sources>", xml.get(1));
        assertEquals(Optional.of(URL), m.body());
        assertTrue(m.hasSfsFallback());
        SharedFileMessage back = SfsReader.strict().parseMessage(m.toXml(Optional.empty(), Optional.empty(), Optional.empty()));
        assertEquals(m, back);
        assertEquals("sharing-a-file", back.attachedSourcesPayload().orElseThrow().attachTo().id());
    }

    @Test
    void xep0447_sharingAFile_urlWithHeadersIsNotUsedAsFallback() {
        UrlDataSource withHeader = new UrlDataSource(URL, Optional.empty(), List.of(), List.of(), List.of(),
                List.of(new UrlDataSource.HttpHeader("Authorization", "Bearer x")), List.of());
        SharedFileMessage m = SharedFileMessage.share(FileSharing.of(FILE, List.of(withHeader)));
        assertTrue(m.body().isEmpty(), "a URL that needs headers is not a single URL a legacy client can use");
        assertTrue(m.storeHint());
    }

    @Test
    void userBodyIsNotReplacedByAFallback() {
        SharedFileMessage m = SharedFileMessage.builder().share(FileSharing.of(FILE, List.of(UrlDataSource.of(URL))))
                .body("look at this").legacyFallback().build();
        assertEquals(Optional.of("look at this"), m.body());
        assertTrue(m.fallbacks().isEmpty());
    }
}
