package org.xmppsfs.model.smack;

import java.io.IOException;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.xmppsfs.model.xml.SfsParseException;
import org.xmppsfs.model.xml.SfsReader;

/** Parses XEP-0367 {@code <attach-to xmlns='urn:xmpp:message-attaching:1' id/>}; a missing id is unreadable. */
public final class AttachToProvider extends ExtensionElementProvider<AttachToElement> {

    private final SfsReader reader;

    public AttachToProvider() {
        this(SfsReader.lenient());
    }

    public AttachToProvider(SfsReader reader) {
        this.reader = reader;
    }

    @Override
    public AttachToElement parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        try {
            return new AttachToElement(reader.attachTo(SmackXml.read(parser, reader.limits())).value());
        } catch (SfsParseException e) {
            throw new SmackParsingException(e.getMessage());
        }
    }
}
