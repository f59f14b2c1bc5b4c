package org.xmppsfs.upload;

import java.time.Instant;
import java.util.Objects;

/**
 * XEP-0363 v1.2 §Purpose: why a file is uploaded, which decides how long it is kept.
 * A request without a purpose is a {@link Message} (XEP-0363: the service MUST assume {@code message}).
 */
public sealed interface Purpose {

    /** The disco feature suffix and element name in {@code urn:xmpp:http:upload:purpose:0}. */
    String elementName();

    record Message() implements Purpose {
        public String elementName() { return "message"; }
    }

    record Profile() implements Purpose {
        public String elementName() { return "profile"; }
    }

    record Permanent() implements Purpose {
        public String elementName() { return "permanent"; }
    }

    /** The file MUST NOT be served after {@code expireBefore}. */
    record Ephemeral(Instant expireBefore) implements Purpose {
        public Ephemeral {
            Objects.requireNonNull(expireBefore, "expireBefore");
        }
        public String elementName() { return "ephemeral"; }
    }

    Purpose MESSAGE = new Message();

    /**
     * The purpose recorded as {@code elementName} (with {@code expireBefore} for {@code ephemeral}), as the stores
     * read it back. An unknown name is {@code message}, the purpose XEP-0363 assumes.
     */
    static Purpose fromStored(String elementName, Instant expireBefore) {
        return switch (elementName) {
            case "profile" -> new Profile();
            case "permanent" -> new Permanent();
            case "ephemeral" -> new Ephemeral(expireBefore);
            default -> MESSAGE;
        };
    }
}
