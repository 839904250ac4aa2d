package io.nemesisdb.grid;

import java.io.StringReader;
import java.util.Map;

import io.nemesisdb.json.JsonText;
import io.nemesisdb.json.JsonValueReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

/**
 * Values crossing the network or going to a backup travel as JSON text and are read back into
 * the server's compact forms, as a load reads them: the text is the one form every member agrees on.
 */
final class GridJson {

    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonParserFactory PARSERS = PROVIDER.createParserFactory(Map.of());
    private static final JsonValueReader VALUES = new JsonValueReader(PROVIDER);

    private GridJson() {
    }

    /** The text of {@code value}; {@code null} for {@code null}. */
    static String text(JsonValue value) {
        return value == null ? null : JsonText.toJson(value);
    }

    /** The value of {@code text}, which {@link #text} wrote; {@code null} for {@code null}. */
    static JsonValue value(String text) {
        if (text == null) {
            return null;
        }
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            return VALUES.read(parser, parser.next());
        }
    }
}
