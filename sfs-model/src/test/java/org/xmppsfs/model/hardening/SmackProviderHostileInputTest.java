package org.xmppsfs.model.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.junit.jupiter.api.Test;
import org.xmppsfs.model.smack.FileSharingProvider;
import org.xmppsfs.model.smack.SourcesProvider;

/**
 * The Smack providers receive XML that Smack's own parser has already read, with no limit of ours on the way in:
 * what the provider builds must still be bounded by {@link org.xmppsfs.model.xml.ParserLimits}, whatever the
 * server let through. Each case is refused with a {@link SmackParsingException} naming the element and the limit.
 * (Before these tests, text summed over many elements and namespace declarations were unbounded: 9,000 elements of
 * 1,000 characters were built into a 9 MB tree.)
 */
class SmackProviderHostileInputTest {

    private static final String SFS = "urn:xmpp:sfs:0";
    private static final String URL_DATA = "http://jabber.org/protocol/url-data";

    private static SmackParsingException refused(ExtensionElementProvider<?> provider, String xml, String message) throws Exception {
        XmlPullParser parser = PacketParserUtils.getParserFor(xml);
        SmackParsingException e = assertThrows(SmackParsingException.class, () -> provider.parse(parser));
        assertEquals(message, e.getMessage());
        return e;
    }

    @Test
    void hundredThousandSourcesAreRefusedAtTheElementLimit() throws Exception {
        String sources = ("<url-data xmlns='" + URL_DATA + "' target='https://h.example/f'/>").repeat(100_000);
        refused(new SourcesProvider(), "<sources xmlns='" + SFS + "'>" + sources + "</sources>", "url-data: more than 10000 elements");
        refused(new FileSharingProvider(), "<file-sharing xmlns='" + SFS + "'><file xmlns='urn:xmpp:file:metadata:0'/><sources>"
                + sources + "</sources></file-sharing>", "url-data: more than 10000 elements");
    }

    @Test
    void tenThousandDeepNestingIsRefused() throws Exception {
        refused(new SourcesProvider(), "<sources xmlns='" + SFS + "'>" + "<a>".repeat(10_000) + "</a>".repeat(10_000) + "</sources>",
                "a: nesting deeper than 32");
    }

    @Test
    void megabytesOfTextInOneElementAreRefused() throws Exception {
        refused(new FileSharingProvider(), "<file-sharing xmlns='" + SFS + "'><file xmlns='urn:xmpp:file:metadata:0'>"
                + "<hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>" + "QUFB".repeat(600_000) + "</hash></file></file-sharing>",
                "hash: text longer than 1048576 characters");
    }

    @Test
    void textSpreadOverManyElementsIsBoundedInTotal() throws Exception {
        String desc = "<desc xmlns='urn:xmpp:file:metadata:0'>" + "x".repeat(1000) + "</desc>";
        refused(new SourcesProvider(), "<sources xmlns='" + SFS + "'><url-data xmlns='" + URL_DATA + "' target='https://h/'>"
                + desc.repeat(9_000) + "</url-data></sources>", "desc: more than 4194304 characters of text and attribute values");
    }

    @Test
    void aHugeAttributeValueIsRefused() throws Exception {
        refused(new SourcesProvider(), "<sources xmlns='" + SFS + "'><url-data xmlns='" + URL_DATA + "' target='https://h/"
                + "a".repeat(2 << 20) + "'/></sources>", "url-data: attribute 'target' longer than 1048576 characters");
    }

    @Test
    void manyAttributesAndNamespaceDeclarationsAreRefused() throws Exception {
        StringBuilder attributes = new StringBuilder();
        StringBuilder namespaces = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            attributes.append(" a").append(i).append("='v'");
            namespaces.append(" xmlns:p").append(i).append("='urn:example:").append(i).append("'");
        }
        refused(new SourcesProvider(), "<sources xmlns='" + SFS + "'" + attributes + "/>",
                "sources: more than 128 attributes and namespace declarations");
        refused(new SourcesProvider(), "<sources xmlns='" + SFS + "'" + namespaces + "/>",
                "sources: more than 128 attributes and namespace declarations");
    }
}
