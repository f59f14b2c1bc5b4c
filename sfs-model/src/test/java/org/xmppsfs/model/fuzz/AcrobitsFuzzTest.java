package org.xmppsfs.model.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.xmppsfs.model.acrobits.AcroFileTransfer;
import org.xmppsfs.model.acrobits.AcroFormatException;

/** Arbitrary text through the Acrobits file-transfer JSON reader: only AcroFormatException; what parses round-trips. */
class AcrobitsFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void parse(byte[] input) throws AcroFormatException {
        AcroFileTransfer transfer;
        try {
            transfer = AcroFileTransfer.parse(new String(input, StandardCharsets.UTF_8));
        } catch (AcroFormatException refused) {
            return;
        }
        String json = transfer.toJson();
        assertEquals(transfer, AcroFileTransfer.parse(json), () -> "toJson() and parse changed the value: " + json);
    }
}
