package org.xmppsfs.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsEveryValueKind() throws Exception {
        Map<String, Object> m = JsonReader.parseObject(" {\"s\":\"a\\\"\\u00e9\\n\",\"n\":-1.5e2,\"i\":20000,\"t\":true,\"f\":false,\"z\":null,"
                + "\"a\":[1,[],{}]} ");
        assertEquals("a\"é\n", m.get("s"));
        assertEquals(new BigDecimal("-1.5e2"), m.get("n"));
        assertEquals(new BigDecimal("20000"), m.get("i"));
        assertEquals(Boolean.TRUE, m.get("t"));
        assertEquals(JsonReader.NULL, m.get("z"));
        assertEquals(3, ((List<?>) m.get("a")).size());
    }

    @Test
    void refusesMalformedAndHostileInput() {
        for (String bad : List.of("", "{", "{\"a\":1,}", "[1 2]", "{\"a\":1}x", "01", "\"\u0001\"", "{\"a\":1,\"a\":2}", "tru", "1.", "-")) {
            assertThrows(JsonParseException.class, () -> JsonReader.parse(bad), bad);
        }
        assertThrows(JsonParseException.class, () -> JsonReader.parse("[".repeat(100) + "]".repeat(100)));
    }

    @Test
    void writerEscapesAndRoundTrips() throws Exception {
        JsonWriter w = JsonWriter.compact();
        w.beginObject().field("k\"", "v\\\n\u0001").name("a").beginArray().value(1).value(true).nullValue().endArray()
                .name("o").beginObject().endObject().endObject();
        assertEquals("{\"k\\\"\":\"v\\\\\\n\\u0001\",\"a\":[1,true,null],\"o\":{}}", w.toString());
        Map<String, Object> back = JsonReader.parseObject(w.toString());
        assertEquals("v\\\n\u0001", back.get("k\""));
        String pretty = new JsonWriter().beginObject().field("a", 1).endObject().toString();
        assertEquals("{\n  \"a\": 1\n}", pretty);
        assertTrue(JsonReader.parseObject(pretty).containsKey("a"));
    }
}
