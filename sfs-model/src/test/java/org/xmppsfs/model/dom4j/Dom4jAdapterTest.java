package org.xmppsfs.model.dom4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmppsfs.model.AttachTo;
import org.xmppsfs.model.FileSharing;
import org.xmppsfs.model.SharedFileMessage;
import org.xmppsfs.model.SourceList;
import org.xmppsfs.model.UrlDataSource;
import org.xmppsfs.model.xml.ParserLimits;
import org.xmppsfs.model.xml.SfsParseException;
import org.xmppsfs.model.xml.SfsReader;

class Dom4jAdapterTest {

    private static String example(String name) throws Exception {
        try (InputStream in = Dom4jAdapterTest.class.getResourceAsStream("/xep-examples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsAMessageElementAsTinderHandsItOver() throws Exception {
        Element message = DocumentHelper.parseText(example("xep-0448-ex01-sharing-summit-jpg-with-juliet-shakespeare-lit-using-encrypt.xml"))
                .getRootElement();
        SharedFileMessage m = Dom4jAdapter.readMessage(message, SfsReader.strict()).value();
        assertEquals(SfsReader.strict().parseMessage(message.asXML()), m);
        assertEquals(2, m.fileSharings().get(0).sourceList().size());
    }

    @Test
    void readsAChildElementWhoseNamespaceIsInheritedFromItsDocument() throws Exception {
        Element message = DocumentHelper.parseText(example("xep-0447-ex05b-sharing-a-file-and-attaching-the-primary-source-for-the-file.xml"))
                .getRootElement();
        Element sources = message.element("sources");
        SourceList s = Dom4jAdapter.readSources(sources, SfsReader.strict()).value();
        assertEquals(Optional.of("file-sharing-id"), s.id());
        assertEquals("sharing-a-file", Dom4jAdapter.readAttachTo(message.element("attach-to"), SfsReader.strict()).id());
    }

    @Test
    void buildsAnAttachMessageOnADom4jStanza() throws Exception {
        Element message = DocumentHelper.createElement(DocumentHelper.createQName("message", DocumentHelper.createNamespace("", "jabber:client")));
        message.addAttribute("id", "m2");
        SharedFileMessage attach = SharedFileMessage.attach(new AttachTo("m1"), SourceList.of("fs", List.of(UrlDataSource.of("https://h/f"))));
        Dom4jAdapter.addTo(message, attach);
        assertEquals("https://h/f", message.elementText("body"));
        Element attachTo = message.element("attach-to");
        assertEquals("urn:xmpp:message-attaching:1", attachTo.getNamespaceURI());
        assertEquals(message, attachTo.getParent());
        SharedFileMessage back = Dom4jAdapter.readMessage(message, SfsReader.strict()).value();
        assertEquals(attach.attachTo(), back.attachTo());
        assertEquals(attach.attachedSources(), back.attachedSources());
        assertEquals(attach.body(), back.body());
        assertTrue(back.storeHint());
    }

    @Test
    void bodyInNoNamespaceUnderAJabberClientMessageIsStillTheBody() throws Exception {
        Element message = DocumentHelper.createElement(DocumentHelper.createQName("message", DocumentHelper.createNamespace("", "jabber:client")));
        message.addAttribute("id", "orig");
        message.addElement("body").setText("hello");
        SharedFileMessage m = Dom4jAdapter.readMessage(message, SfsReader.strict()).value();
        assertEquals(Optional.of("hello"), m.body());
        assertEquals(Optional.of(new AttachTo("orig")), Dom4jAdapter.attachToFor(message, SfsReader.strict()));
    }

    @Test
    void elementsRoundTripThroughDom4j() throws Exception {
        FileSharing fs = SfsReader.strict().parseFileSharing(
                DocumentHelper.parseText(example("xep-0447-ex01-sharing-summit-jpg-with-juliet-shakespeare-lit.xml"))
                        .getRootElement().element("file-sharing").asXML());
        Element e = Dom4jAdapter.toElement(fs);
        assertNull(e.getParent());
        assertEquals(fs, Dom4jAdapter.readFileSharing(e, SfsReader.strict()).value());
    }

    @Test
    void theReadersLimitsApply() throws Exception {
        Element deep = DocumentHelper.parseText("<a>".repeat(10) + "</a>".repeat(10)).getRootElement();
        SfsReader shallow = SfsReader.lenient().withLimits(ParserLimits.DEFAULT.withMaxDepth(5));
        assertThrows(SfsParseException.class, () -> Dom4jAdapter.fromElement(deep, shallow));
    }
}
