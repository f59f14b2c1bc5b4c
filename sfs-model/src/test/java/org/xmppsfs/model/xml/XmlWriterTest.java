package org.xmppsfs.model.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class XmlWriterTest {

    @Test
    void escapesTextAndAttributes() throws Exception {
        XmlElement e = XmlElement.builder("urn:x", "e").attribute("a", "'\"<&>\n").text("<&>'\"").build();
        String xml = XmlWriter.write(e);
        assertEquals("<e xmlns='urn:x' a='&apos;&quot;&lt;&amp;&gt;&#xA;'>&lt;&amp;&gt;'\"</e>", xml);
        assertEquals(e, new XmlReader(ParserLimits.DEFAULT).read(xml));
    }

    @Test
    void declaresNamespacesOnlyWhereTheyChange() {
        XmlElement e = XmlElement.builder("urn:a", "a")
                .child(XmlElement.builder("urn:a", "b").build())
                .child(XmlElement.builder("urn:c", "c").child(XmlElement.builder("urn:c", "d").build()).build())
                .child(XmlElement.builder("", "n").build())
                .build();
        assertEquals("<a xmlns='urn:a'><b/><c xmlns='urn:c'><d/></c><n xmlns=''/></a>", XmlWriter.write(e));
    }

    @Test
    void refusesCharactersXmlCannotCarry() {
        XmlElement e = XmlElement.builder("urn:x", "e").text("\u0000").build();
        assertThrows(IllegalArgumentException.class, () -> XmlWriter.write(e));
    }

    @Test
    void keepsXmlLangAndPrefixedChildren() throws Exception {
        XmlElement e = XmlElement.builder("urn:a", "a")
                .child(XmlElement.builder("urn:h", "h").prefix("http").build())
                .child(XmlElement.builder("urn:h", "h").prefix("http").attribute(XmlAttribute.lang("en")).build())
                .build();
        String xml = XmlWriter.write(e);
        assertEquals("<a xmlns='urn:a' xmlns:http='urn:h'><http:h/><http:h xml:lang='en'/></a>", xml);
        assertEquals(e, new XmlReader(ParserLimits.DEFAULT).read(xml));
    }
}
