package org.xmppsfs.model.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.junit.jupiter.api.Test;
import org.xmppsfs.model.dom4j.Dom4jAdapter;
import org.xmppsfs.model.xml.SfsParseException;
import org.xmppsfs.model.xml.SfsReader;

/**
 * The component receives stanzas as dom4j elements (Tinder), already parsed by the connection. {@link Dom4jAdapter}
 * measures the dom4j tree against the reader's limits without recursion, then re-reads its XML with the hardened
 * reader. Each hostile tree is refused with a typed {@link SfsParseException}. (Before these tests, a dom4j element
 * 10,000 levels deep overflowed the stack in {@code asXML()}: a StackOverflowError, not a refusal.)
 */
class Dom4jHostileInputTest {

    private static final String SFS = "urn:xmpp:sfs:0";
    private static final String URL_DATA = "http://jabber.org/protocol/url-data";
    private static final SfsReader READER = SfsReader.lenient();

    private static Element sources() {
        return DocumentHelper.createElement(QName.get("sources", SFS));
    }

    private static void refused(Element element, String message) {
        SfsParseException e = assertThrows(SfsParseException.class, () -> Dom4jAdapter.readSources(element, READER));
        assertEquals(message, e.getMessage());
        SfsParseException strict = assertThrows(SfsParseException.class, () -> Dom4jAdapter.readSources(element, SfsReader.strict()));
        assertEquals(message, strict.getMessage());
    }

    @Test
    void tenThousandDeepIsRefusedWithoutOverflowingTheStack() {
        Element root = sources();
        Element current = root;
        for (int i = 0; i < 10_000; i++) {
            current = current.addElement("a");
        }
        refused(root, "a: nesting deeper than 32");
    }

    @Test
    void hundredThousandSourcesAreRefusedAtTheElementLimit() {
        Element root = sources();
        for (int i = 0; i < 100_000; i++) {
            root.addElement(QName.get("url-data", URL_DATA)).addAttribute("target", "https://h.example/" + i);
        }
        refused(root, "url-data: more than 10000 elements");
    }

    @Test
    void aTenMegabyteDescIsRefusedBeforeItIsSerialised() {
        Element root = sources();
        root.addElement(QName.get("url-data", URL_DATA)).addAttribute("target", "https://h/")
                .addElement(QName.get("desc", URL_DATA)).setText("x".repeat(10 << 20));
        refused(root, "desc: text longer than 1048576 characters");
    }

    @Test
    void textSpreadOverManyElementsIsBoundedInTotal() {
        Element root = sources();
        Element url = root.addElement(QName.get("url-data", URL_DATA)).addAttribute("target", "https://h/");
        String megabyte = "x".repeat(1 << 20);
        for (int i = 0; i < 5; i++) {
            url.addElement(QName.get("desc", URL_DATA)).setText(megabyte);
        }
        refused(root, "desc: more than 4194304 characters of text and attribute values");
    }

    @Test
    void aHugeAttributeValueIsRefused() {
        Element root = sources();
        root.addElement(QName.get("url-data", URL_DATA)).addAttribute("target", "https://h/" + "a".repeat(2 << 20));
        refused(root, "url-data: attribute 'target' longer than 1048576 characters");
    }

    @Test
    void manyAttributesAndNamespaceDeclarationsAreRefused() {
        Element attributes = sources();
        Element namespaces = sources();
        for (int i = 0; i < 1_000; i++) {
            attributes.addAttribute("a" + i, "v");
            namespaces.add(Namespace.get("p" + i, "urn:example:" + i));
        }
        refused(attributes, "sources: more than 128 attributes and namespace declarations");
        refused(namespaces, "sources: more than 128 attributes and namespace declarations");
    }

    @Test
    void aNulInAnAttributeIsRefusedByTheReRead() {
        Element root = sources();
        root.addAttribute("id", "a\u0000b");
        SfsParseException e = assertThrows(SfsParseException.class, () -> Dom4jAdapter.readSources(root, READER));
        assertEquals("xml", e.element());
        assertTrue(e.getMessage().contains("invalid XML character"), e.getMessage());
    }
}
