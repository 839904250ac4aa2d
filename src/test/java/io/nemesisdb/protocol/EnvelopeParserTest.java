package io.nemesisdb.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code nemesis.max-depth} counts every array and object of a message, the envelope included. */
class EnvelopeParserTest {

    /** A request nested {@code depth} deep: the envelope, the command, {@code keys}, then arrays. */
    private static String nested(int depth) {
        return "{\"KV_SET\":{\"keys\":{\"a\":" + "[".repeat(depth - 3) + "1" + "]".repeat(depth - 3) + "}}}";
    }

    @Test
    void aMessageNestedExactlyMaxDepthDeepIsAccepted() {
        Envelope envelope = new EnvelopeParser(10).parse(nested(10));
        assertFalse(envelope.isRejected(), envelope::message);
    }

    @Test
    void aMessageNestedDeeperThanMaxDepthIsInvalidJson() {
        Envelope envelope = new EnvelopeParser(10).parse(nested(11));
        assertTrue(envelope.isRejected());
        assertEquals(Status.JSON_INVALID, envelope.error());
    }
}
