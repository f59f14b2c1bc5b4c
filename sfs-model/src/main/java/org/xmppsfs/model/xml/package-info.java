/**
 * XML codec: a hardened StAX reader into a neutral tree ({@link org.xmppsfs.model.xml.XmlReader},
 * {@link org.xmppsfs.model.xml.XmlElement}, {@link org.xmppsfs.model.xml.ParserLimits}), tree → model
 * ({@link org.xmppsfs.model.xml.SfsReader}, strict or lenient), model → tree ({@link org.xmppsfs.model.xml.SfsWriter})
 * and tree → text ({@link org.xmppsfs.model.xml.XmlWriter}).
 */
package org.xmppsfs.model.xml;
