package org.xmppsfs.upload.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.Optional;
import org.xmppsfs.upload.slot.SlotCredentials;
import org.xmppsfs.upload.slot.SlotCredentials.Verdict;

/**
 * The PUT credential parser on arbitrary tokens: it never throws, never accepts a token it did not mint, and a
 * minted token is accepted only for exactly the slot, size and content type it was minted for.
 */
class SlotCredentialsFuzzTest {

    private static final SlotCredentials CREDENTIALS = new SlotCredentials(new byte[32]);
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @FuzzTest(maxDuration = "5m")
    void verify(FuzzedDataProvider data) {
        String slotId = data.consumeString(40);
        long size = data.consumeLong();
        Optional<String> type = data.consumeBoolean() ? Optional.of(data.consumeString(60)) : Optional.empty();
        String minted = CREDENTIALS.mint(slotId, size, type, NOW.plusSeconds(300));
        assertEquals(Verdict.VALID, CREDENTIALS.verify(minted, slotId, size, type, NOW, true));

        String presented = data.consumeRemainingAsString();
        Verdict verdict = CREDENTIALS.verify(presented, slotId, size, type, NOW, true);
        if (!presented.equals(minted)) {
            assertNotEquals(Verdict.VALID, verdict, () -> "accepted a token it did not mint: '" + presented + "'");
        }
        assertNotEquals(Verdict.VALID, CREDENTIALS.verify(minted, slotId + "x", size, type, NOW, true));
        assertNotEquals(Verdict.VALID, CREDENTIALS.verify(minted, slotId, size ^ 1, type, NOW, true));
    }
}
