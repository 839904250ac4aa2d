package io.nemesisdb.protocol;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

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

    /** How many distinct member names a reader that shares names keeps. */
    private static final int MAX_SHARED_NAMES = 4096;

    private final JsonProvider provider;
    private final Map<String, String> sharedNames;

    /** A reader for values that are read once, such as requests: safe for concurrent use. */
    public JsonValueReader(JsonProvider provider) {
        this(provider, null);
    }

    private JsonValueReader(JsonProvider provider, Map<String, String> sharedNames) {
        this.provider = provider;
        this.sharedNames = sharedNames;
    }

    /**
     * A reader for one thread reading many similar values, such as a data file: values share one
     * copy of each member name (up to {@value #MAX_SHARED_NAMES} names), so a million records
     * with the same members keep their names once, not a million times.
     */
    public static JsonValueReader sharingNames(JsonProvider provider) {
        return new JsonValueReader(provider, new HashMap<>());
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
        // the open containers and the member names they wait to add under, in small arrays that
        // grow with the depth: cheaper than two ArrayDeques for the shallow values requests hold
        Object[] builders = new Object[4];
        String[] names = new String[4];
        int depth = 0;
        builders[0] = newContainer(first);
        String name = null;
        while (true) {
            JsonParser.Event event = parser.next();
            switch (event) {
                case KEY_NAME -> name = memberName(parser.getString());
                case START_OBJECT, START_ARRAY -> {
                    if (++depth == builders.length) {
                        builders = Arrays.copyOf(builders, depth * 2);
                        names = Arrays.copyOf(names, depth * 2);
                    }
                    names[depth] = name;
                    name = null;
                    builders[depth] = newContainer(event);
                }
                case END_OBJECT, END_ARRAY -> {
                    Object done = builders[depth];
                    JsonValue value = done instanceof CompactObject.Builder object ? object.build()
                            : ((CompactArray.Builder) done).build();
                    if (depth == 0) {
                        return value;
                    }
                    add(builders[depth - 1], names[depth], value);
                    builders[depth] = null;
                    depth--;
                }
                default -> {
                    add(builders[depth], name, scalar(parser, event));
                    name = null;
                }
            }
        }
    }

    private String memberName(String name) {
        if (sharedNames == null) {
            return name;
        }
        String shared = sharedNames.get(name);
        if (shared != null) {
            return shared;
        }
        if (sharedNames.size() < MAX_SHARED_NAMES) {
            sharedNames.put(name, name);
        }
        return name;
    }

    private static Object newContainer(JsonParser.Event event) {
        return event == JsonParser.Event.START_OBJECT ? new CompactObject.Builder() : new CompactArray.Builder();
    }

    private static void add(Object builder, String name, JsonValue value) {
        if (builder instanceof CompactObject.Builder object) {
            object.add(name, value);
        } else {
            ((CompactArray.Builder) builder).add(value);
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
