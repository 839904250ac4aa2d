package io.nemesisdb.protocol;

import java.util.ArrayDeque;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

/**
 * Builds JSON-P values from a streaming parser without recursion, so that the nesting depth of a
 * document is bounded by the parser's limit, never by a thread's stack. Numbers become
 * {@link LiteralNumber}s that keep their text.
 */
public final class JsonValueReader {

    private final JsonProvider provider;

    public JsonValueReader(JsonProvider provider) {
        this.provider = provider;
    }

    /**
     * Reads the value whose first event {@code first} the parser has just returned.
     *
     * @throws jakarta.json.stream.JsonParsingException when the text is not valid JSON
     */
    public JsonValue read(JsonParser parser, JsonParser.Event first) {
        JsonValue scalar = scalar(parser, first);
        if (scalar != null) {
            return scalar;
        }
        ArrayDeque<Object> builders = new ArrayDeque<>();
        ArrayDeque<String> names = new ArrayDeque<>();
        builders.push(newContainer(first));
        String name = null;
        while (true) {
            JsonParser.Event event = parser.next();
            switch (event) {
                case KEY_NAME -> name = parser.getString();
                case START_OBJECT, START_ARRAY -> {
                    if (name != null) {
                        names.push(name);
                        name = null;
                    }
                    builders.push(newContainer(event));
                }
                case END_OBJECT, END_ARRAY -> {
                    Object done = builders.pop();
                    JsonValue value = done instanceof JsonObjectBuilder object ? object.build()
                            : ((JsonArrayBuilder) done).build();
                    if (builders.isEmpty()) {
                        return value;
                    }
                    Object parent = builders.peek();
                    add(parent, parent instanceof JsonObjectBuilder ? names.pop() : null, value);
                }
                default -> {
                    add(builders.peek(), name, scalar(parser, event));
                    name = null;
                }
            }
        }
    }

    private Object newContainer(JsonParser.Event event) {
        return event == JsonParser.Event.START_OBJECT ? provider.createObjectBuilder() : provider.createArrayBuilder();
    }

    private static void add(Object builder, String name, JsonValue value) {
        if (builder instanceof JsonObjectBuilder object) {
            object.add(name, value);
        } else {
            ((JsonArrayBuilder) builder).add(value);
        }
    }

    private JsonValue scalar(JsonParser parser, JsonParser.Event event) {
        return switch (event) {
            case VALUE_STRING -> provider.createValue(parser.getString());
            case VALUE_NUMBER -> new LiteralNumber(parser.getString());
            case VALUE_TRUE -> JsonValue.TRUE;
            case VALUE_FALSE -> JsonValue.FALSE;
            case VALUE_NULL -> JsonValue.NULL;
            default -> null;
        };
    }
}
