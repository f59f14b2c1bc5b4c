package org.xmppsfs.model.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import java.util.function.Function;
import org.xmppsfs.model.FileSharing;
import org.xmppsfs.model.Namespaces;
import org.xmppsfs.model.SharedFileMessage;
import org.xmppsfs.model.SourceList;
import org.xmppsfs.model.xml.Parsed;
import org.xmppsfs.model.xml.SfsParseException;
import org.xmppsfs.model.xml.SfsReader;
import org.xmppsfs.model.xml.SfsWriter;
import org.xmppsfs.model.xml.XmlElement;
import org.xmppsfs.model.xml.XmlWriter;

/**
 * Arbitrary bytes through {@link SfsReader}, strict and lenient. Properties, for every input:
 * <ol>
 *   <li>the only exception is {@link SfsParseException} (anything else fails the target);</li>
 *   <li>strict and lenient agree: lenient reading is clean exactly when strict reading succeeds, with the same
 *       value, and strict reading stops on lenient reading's first violation;</li>
 *   <li>what reads writes back, and the written XML reads again to an equal value.</li>
 * </ol>
 * A plain {@code mvn test} replays the committed inputs under {@code SfsReaderFuzzTestInputs/<method>/};
 * {@code scripts/fuzz} fuzzes one target for real.
 */
class SfsReaderFuzzTest {

    private static final SfsReader STRICT = SfsReader.strict();
    private static final SfsReader LENIENT = SfsReader.lenient();

    @FuzzTest(maxDuration = "5m")
    void message(byte[] input) throws SfsParseException {
        check(input, SfsReader::message,
                m -> SfsWriter.message(m, Namespaces.CLIENT, Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @FuzzTest(maxDuration = "5m")
    void fileSharing(byte[] input) throws SfsParseException {
        check(input, SfsReader::fileSharing, SfsWriter::element);
    }

    @FuzzTest(maxDuration = "5m")
    void sources(byte[] input) throws SfsParseException {
        check(input, SfsReader::sourceList, SfsWriter::element);
    }

    @FunctionalInterface
    interface Reading<T> {
        Parsed<T> read(SfsReader reader, XmlElement tree) throws SfsParseException;
    }

    private static <T> void check(byte[] input, Reading<T> reading, Function<T, XmlElement> writing) throws SfsParseException {
        XmlElement tree;
        try {
            tree = LENIENT.tree(input);
        } catch (SfsParseException unreadable) {
            assertFalse(unreadable.violation().isPresent(), "unreadable XML is not a rule violation");
            return;
        }
        Parsed<T> lenient;
        try {
            lenient = reading.read(LENIENT, tree);
        } catch (SfsParseException unreadable) {
            assertFalse(unreadable.violation().isPresent(), "lenient reading reports rule violations, never throws them: " + unreadable);
            SfsParseException strictToo = org.junit.jupiter.api.Assertions.assertThrows(SfsParseException.class,
                    () -> reading.read(STRICT, tree), "strict reading refuses what lenient reading refuses");
            assertTrue(strictToo.getMessage() != null);
            return;
        }
        try {
            Parsed<T> strict = reading.read(STRICT, tree);
            assertTrue(lenient.violations().isEmpty(), "strict reading accepted what lenient reading flags: " + lenient.violations());
            assertEquals(lenient.value(), strict.value());
        } catch (SfsParseException refused) {
            assertFalse(lenient.violations().isEmpty(), "strict reading refused input that lenient reading found clean: " + refused);
            assertEquals(Optional.of(lenient.violations().get(0)), refused.violation(), "strict reading stops on the first violation");
        }
        String written = XmlWriter.write(writing.apply(lenient.value()));
        T again = reading.read(LENIENT, LENIENT.tree(written)).value();
        assertEquals(lenient.value(), again, () -> "write and re-read changed the value; written: " + written);
    }
}
