package org.xmppsfs.model.xml;

/** A node of a parsed XML tree: an element or a run of character data. Comments and processing instructions are not kept. */
public sealed interface XmlNode permits XmlElement, XmlText {
}
