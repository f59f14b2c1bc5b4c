package org.xmppsfs.component.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesTest {
    @Test
    void sizes() {
        assertEquals(5L * 1024 * 1024 * 1024, Values.bytes("5G"), "files over 2 GiB are ordinary");
        assertEquals(100L << 20, Values.bytes("100MiB"));
        assertEquals(12345, Values.bytes("12345"));
        assertThrows(IllegalArgumentException.class, () -> Values.bytes("-1"));
        assertThrows(IllegalArgumentException.class, () -> Values.bytes("99999999999T"));
    }

    @Test
    void durations() {
        assertEquals(Duration.ofMillis(500), Values.duration("500ms"));
        assertEquals(Duration.ofSeconds(30), Values.duration("30"));
        assertEquals(Duration.ofMinutes(5), Values.duration("5m"));
        assertThrows(IllegalArgumentException.class, () -> Values.duration("soon"));
        assertThrows(IllegalArgumentException.class, () -> Values.duration("0s"));
    }

    @Test
    void lists() {
        assertEquals(List.of("a", "b", "c"), Values.list(" a, b ,,c "));
    }
}
