package org.xmppsfs.model.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.xmppsfs.model.inspect.Inspect;
import org.xmppsfs.model.json.JsonParseException;
import org.xmppsfs.model.json.JsonReader;

/**
 * Arbitrary bytes through {@code inspect}: it never throws, exits 0, 1 or 2 (3 is for usage and I/O), and what
 * it prints on standard output is one JSON object that the project's own JSON reader reads back.
 */
class InspectFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void run(byte[] input) throws JsonParseException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Inspect.run(new ByteArrayInputStream(input), o, e);
        }
        assertTrue(Set.of(Inspect.OK, Inspect.VIOLATIONS, Inspect.UNPARSEABLE).contains(status), "exit status " + status);
        String json = out.toString(StandardCharsets.UTF_8).strip();
        JsonReader.parseObject(json);
    }
}
