package org.xmppsfs.model.smack;

import java.io.IOException;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.xmppsfs.model.SourceList;
import org.xmppsfs.model.xml.Parsed;
import org.xmppsfs.model.xml.SfsParseException;
import org.xmppsfs.model.xml.SfsReader;

/** Parses a top-level {@code <sources xmlns='urn:xmpp:sfs:0'>}; lenient by default, like {@link FileSharingProvider}. */
public final class SourcesProvider extends ExtensionElementProvider<SourcesElement> {

    private final SfsReader reader;

    public SourcesProvider() {
        this(SfsReader.lenient());
    }

    public SourcesProvider(SfsReader reader) {
        this.reader = reader;
    }

    @Override
    public SourcesElement parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        try {
            Parsed<SourceList> parsed = reader.sourceList(SmackXml.read(parser, reader.limits()));
            return new SourcesElement(parsed.value(), parsed.violations());
        } catch (SfsParseException e) {
            throw new SmackParsingException(e.getMessage());
        }
    }
}
