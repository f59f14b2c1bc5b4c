package org.xmppsfs.model.smack;

import java.io.IOException;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.xmppsfs.model.FileSharing;
import org.xmppsfs.model.xml.Parsed;
import org.xmppsfs.model.xml.SfsParseException;
import org.xmppsfs.model.xml.SfsReader;

/**
 * Parses {@code <file-sharing xmlns='urn:xmpp:sfs:0'>}. By default the reader is lenient: rule violations
 * travel with the element ({@link FileSharingElement#violations()}) instead of making Smack drop the stanza;
 * unreadable input throws {@link SmackParsingException}.
 */
public final class FileSharingProvider extends ExtensionElementProvider<FileSharingElement> {

    private final SfsReader reader;

    public FileSharingProvider() {
        this(SfsReader.lenient());
    }

    public FileSharingProvider(SfsReader reader) {
        this.reader = reader;
    }

    @Override
    public FileSharingElement parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        try {
            Parsed<FileSharing> parsed = reader.fileSharing(SmackXml.read(parser, reader.limits()));
            return new FileSharingElement(parsed.value(), parsed.violations());
        } catch (SfsParseException e) {
            throw new SmackParsingException(e.getMessage());
        }
    }
}
