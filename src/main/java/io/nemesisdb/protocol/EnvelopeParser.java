package io.nemesisdb.protocol;

import java.io.StringReader;
import java.util.Map;

import io.nemesisdb.json.JsonValueReader;
import io.nemesisdb.json.ThreadLocalBufferPool;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import org.eclipse.parsson.api.BufferPool;

/**
 * Parses a request message and applies the envelope checks of protocol section 1.1 in their
 * order: not JSON (3), not a non-empty object (13), several members (11). The whole message is
 * parsed before any of the later checks, so that malformed text is always reported as 3.
 */
public final class EnvelopeParser {

    private final JsonParserFactory parsers;
    private final JsonValueReader values;

    /** @param maxDepth the deepest nesting a message may have; deeper messages are invalid JSON */
    public EnvelopeParser(int maxDepth) {
        JsonProvider provider = JsonProvider.provider();
        // Parsson refuses a document that reaches its maxDepth, so the deepest allowed is one less
        this.parsers = provider.createParserFactory(Map.of("org.eclipse.parsson.maxDepth", maxDepth + 1,
                BufferPool.class.getName(), new ThreadLocalBufferPool()));
        this.values = new JsonValueReader(provider);
    }

    public Envelope parse(String text) {
        String command = null;
        JsonValue body = null;
        int members = 0;
        boolean object;
        try (JsonParser parser = parsers.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                return Envelope.rejected(Status.JSON_INVALID, "empty message");
            }
            JsonParser.Event first = parser.next();
            object = first == JsonParser.Event.START_OBJECT;
            if (object) {
                JsonParser.Event event;
                while ((event = parser.next()) == JsonParser.Event.KEY_NAME) {
                    String name = parser.getString();
                    JsonValue value = values.read(parser, parser.next());
                    if (members++ == 0) {
                        command = name;
                        body = value;
                    }
                }
            } else {
                values.read(parser, first);
            }
            if (parser.hasNext()) {
                return Envelope.rejected(Status.JSON_INVALID, "text after the JSON value");
            }
        } catch (RuntimeException e) {
            // JsonParsingException for malformed text; Parsson reports excessive nesting with a plain RuntimeException
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
