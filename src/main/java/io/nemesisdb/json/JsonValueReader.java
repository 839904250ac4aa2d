package io.nemesisdb.json;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

/**
 * Builds JSON-P values from a streaming parser without recursion, so that the nesting depth of a
 * document is bounded by the parser's limit, never by a thread's stack. Objects and arrays are
 * {@link CompactObject}s and {@link CompactArray}s; numbers are {@link LiteralNumber}s that keep
 * their text.
 */
public final class JsonValueReader {

    /** Slots of a sharing reader's tables: a power of two. */
    private static final int SHARED_SLOTS = 4096;
    /** The longest string value a sharing reader shares; longer ones rarely repeat. */
    private static final int MAX_SHARED_LENGTH = 32;

    private final JsonProvider provider;
    /** Recent member names and short string values by hash, or null: direct-mapped, a miss replaces. */
    private final String[] sharedNames;
    private final JsonString[] sharedStrings;
    private final ContainerStack containers;

    /** A reader for values that are read once, such as requests: safe for concurrent use. */
    public JsonValueReader(JsonProvider provider) {
        this(provider, false);
    }

    private JsonValueReader(JsonProvider provider, boolean sharing) {
        this.provider = provider;
        this.sharedNames = sharing ? new String[SHARED_SLOTS] : null;
        this.sharedStrings = sharing ? new JsonString[SHARED_SLOTS] : null;
        this.containers = sharing ? new ContainerStack(true) : null;
    }

    /**
     * A reader for one thread reading many similar values, such as a data file: values read in a
     * row share one copy of a member name, or of a short string value, that recurs. A million
     * records with the same members keep the names about once, not a million times, and an
     * object with the same names as the object before it at its depth shares their array. That
     * saves memory and much of the collector's copying while a dataset loads. Not thread-safe.
     */
    public static JsonValueReader sharing(JsonProvider provider) {
        return new JsonValueReader(provider, true);
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
        ContainerStack open = containers != null ? containers : ContainerStack.forRequests();
        int depth = 0;
        open.start(0, first == JsonParser.Event.START_OBJECT, null);
        String name = null;
        while (true) {
            JsonParser.Event event = parser.next();
            switch (event) {
                case KEY_NAME -> name = memberName(parser.getString());
                case START_OBJECT, START_ARRAY -> {
                    open.start(++depth, event == JsonParser.Event.START_OBJECT, name);
                    name = null;
                }
                case END_OBJECT, END_ARRAY -> {
                    JsonValue value = open.finish(depth);
                    if (depth == 0) {
                        return value;
                    }
                    String member = open.nameOf(depth);
                    depth--;
                    open.add(depth, member, value);
                }
                default -> {
                    open.add(depth, name, scalar(parser, event));
                    name = null;
                }
            }
        }
    }

    private String memberName(String name) {
        if (sharedNames == null) {
            return name;
        }
        int slot = slot(name);
        String shared = sharedNames[slot];
        if (name.equals(shared)) {
            return shared;
        }
        sharedNames[slot] = name;
        return name;
    }

    /** A string value: a sharing reader's values are kept, so it makes them {@link Utf8String}s, which are smaller. */
    private JsonString string(String text) {
        if (sharedStrings == null) {
            return provider.createValue(text);
        }
        if (text.length() > MAX_SHARED_LENGTH) {
            return Utf8String.of(text);
        }
        int slot = slot(text);
        JsonString shared = sharedStrings[slot];
        if (shared != null && shared.getString().equals(text)) {
            return shared;
        }
        return sharedStrings[slot] = Utf8String.of(text);
    }

    private static int slot(String text) {
        int h = text.hashCode();
        return (h ^ h >>> 16) & (SHARED_SLOTS - 1);
    }

    private JsonValue scalar(JsonParser parser, JsonParser.Event event) {
        return switch (event) {
            case VALUE_STRING -> string(parser.getString());
            case VALUE_NUMBER -> LiteralNumber.of(parser.getString());
            case VALUE_TRUE -> JsonValue.TRUE;
            case VALUE_FALSE -> JsonValue.FALSE;
            case VALUE_NULL -> JsonValue.NULL;
            default -> null;
        };
    }
}
