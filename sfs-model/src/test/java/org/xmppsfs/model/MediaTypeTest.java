package org.xmppsfs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 9110 §8.3.1 media types: parsed once, compared by essence. */
class MediaTypeTest {

    @Test
    void parsesTypeSubtypeAndParametersCaseInsensitively() {
        MediaType t = MediaType.parse(" Text/Plain ; charset=UTF-8").orElseThrow();
        assertEquals("text/plain", t.essence());
        assertEquals("charset=UTF-8", t.parameters());
        assertEquals("text/plain; charset=UTF-8", t.toString());
        assertTrue(t.sameEssence(MediaType.of("text/plain")));
        assertEquals("application/octet-stream", MediaType.OCTET_STREAM.toString());
    }

    @Test
    void refusesWhatIsNotAMediaType() {
        for (String bad : List.of("", "image", "image/", "/png", "image/png; x", "image/png\r\nX-Evil: 1",
                "im age/png", "image/png;a=\"b\nc\"", "a/" + "b".repeat(300))) {
            assertEquals(Optional.empty(), MediaType.parse(bad), bad);
        }
        assertEquals(Optional.empty(), MediaType.parse(null));
    }

    @Test
    void matchesExactAndWildcardPatternsIgnoringParameters() {
        MediaType png = MediaType.of("image/png; q=1");
        assertTrue(png.matches("image/*"));
        assertTrue(png.matches("IMAGE/PNG"));
        assertTrue(png.matches("*/*"));
        assertFalse(png.matches("image/jpeg"));
        assertFalse(png.matches("imagex/*"));
        assertFalse(MediaType.of("imagex/png").matches("image/*"));
        assertTrue(png.matchesAny(List.of("text/plain", "image/*")));
    }
}
