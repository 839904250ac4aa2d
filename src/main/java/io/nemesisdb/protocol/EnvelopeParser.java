package io.nemesisdb.protocol;

import java.nio.charset.StandardCharsets;

import io.nemesisdb.json.JsonBytesReader;
import jakarta.json.JsonValue;

/**
 * Parses a request message and applies the envelope checks of protocol section 1.1 in their
 * order: not JSON (3), not a non-empty object (13), several members (11). The whole message is
 * parsed before any of the later checks, so that malformed text is always reported as 3.
 */
public final class EnvelopeParser {

    private final int maxDepth;

    /** @param maxDepth the deepest nesting a message may have, the envelope included; deeper messages are invalid JSON */
    public EnvelopeParser(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    public Envelope parse(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return parse(utf8, utf8.length);
    }

    /** Parses {@code utf8[0..length)}, which must be valid UTF-8. */
    public Envelope parse(byte[] utf8, int length) {
        JsonBytesReader reader = new JsonBytesReader(utf8, length, maxDepth);
        String command = null;
        JsonValue body = null;
        int members = 0;
        boolean object;
        try {
            if (reader.atEnd()) {
                return Envelope.rejected(Status.JSON_INVALID, "empty message");
            }
            object = reader.objectNext();
            if (object) {
                reader.startObject();
                while (reader.nextMember()) {
                    String name = reader.memberName();
                    JsonValue value = reader.value(1);
                    if (members++ == 0) {
                        command = name;
                        body = value;
                    }
                }
            } else {
                reader.value(0);
            }
            reader.end();
        } catch (JsonBytesReader.Invalid e) {
            return Envelope.rejected(Status.JSON_INVALID, "invalid JSON: " + e.getMessage());
        }
        if (!object || members == 0) {
            return Envelope.rejected(Status.COMMAND_SYNTAX, "a request must be an object with one command");
        }
        if (members > 1) {
            return Envelope.rejected(Status.COMMAND_MULTIPLE, "a request must hold exactly one command");
        }
        return Envelope.of(command, body);
    }
}
