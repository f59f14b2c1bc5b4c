package org.xmppsfs.upload.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.xmppsfs.upload.http.ByteRange;

/**
 * Arbitrary Range headers against arbitrary lengths: the parser never throws, and whatever it returns can be
 * served as it is — a partial range lies inside the file, and "unsatisfiable" only when no byte of it exists.
 */
class ByteRangeFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void parse(FuzzedDataProvider data) {
        long length = data.consumeLong(0, Long.MAX_VALUE);
        String header = data.consumeRemainingAsString();
        ByteRange range = ByteRange.parse(header, length);
        if (range instanceof ByteRange.Partial p) {
            assertTrue(0 <= p.first() && p.first() <= p.last() && p.last() < length,
                    () -> "range " + p + " outside a file of " + length + " bytes for '" + header + "'");
            assertTrue(p.length() > 0 && p.length() <= length);
        }
    }
}
