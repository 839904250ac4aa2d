package io.nemesisdb.persist;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.nemesisdb.json.JsonValueReader;
import io.nemesisdb.json.LiteralNumber;
import io.nemesisdb.protocol.Token;
import io.nemesisdb.session.SharedToken;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;

/**
 * Parses one data file of either format, strictly: anything but the format's structure, or text
 * after it, makes the file corrupt. Values are built as {@link JsonValueReader} builds request
 * values, so numbers keep their exact text (integers above 2^64, decimals); the values of one file
 * share recurring member names and short strings. When the save recorded the file's length and
 * CRC32C, the bytes parsed must have exactly those.
 */
final class DataFileParser {

    private static final int READ_BUFFER_BYTES = 64 * 1024;
    /** Keys parsed between two updates of the load's progress. */
    private static final int PROGRESS_KEYS = 1024;

    private final JsonParserFactory parsers;
    private final JsonProvider provider;
    private final LoadProgress progress;

    DataFileParser(JsonParserFactory parsers, JsonProvider provider, LoadProgress progress) {
        this.parsers = parsers;
        this.provider = provider;
        this.progress = progress;
    }

    /**
     * The entries of a KV-mode file {@code {"keys":{…}}}.
     *
     * @param expected the length and CRC32C the save recorded, or {@code null} (0.6.4 records none)
     */
    KvSnapshot parseKv(Path file, DataFileCheck expected) throws DatasetException {
        try (DataFileCheck.Counting bytes = new DataFileCheck.Counting(progress.counting(Files.newInputStream(file)));
             JsonParser parser = parsers.createParser(decoding(bytes))) {
            expect(parser, Event.START_OBJECT, file);
            JsonValueReader values = JsonValueReader.sharing(provider);
            KvSnapshot entries = null;
            Event event;
            while ((event = parser.next()) == Event.KEY_NAME) {
                if (!parser.getString().equals("keys") || entries != null) {
                    throw corrupt(file, "unexpected member \"" + parser.getString() + "\"");
                }
                expect(parser, Event.START_OBJECT, file);
                entries = readMembers(parser, values);
            }
            if (entries == null) {
                throw corrupt(file, "no \"keys\" object");
            }
            expectEnd(parser, file);
            verify(bytes, file, expected);
            return entries;
        } catch (IOException | RuntimeException e) {
            throw corrupt(file, e);
        }
    }

    /**
     * The sessions of a sessions-mode file {@code [{"sh":{…},"keys":{…}},…]}.
     *
     * @param expected the length and CRC32C the save recorded, or {@code null} (0.6.4 records none)
     */
    List<SavedSession> parseSessions(Path file, DataFileCheck expected) throws DatasetException {
        try (DataFileCheck.Counting bytes = new DataFileCheck.Counting(progress.counting(Files.newInputStream(file)));
             JsonParser parser = parsers.createParser(decoding(bytes))) {
            expect(parser, Event.START_ARRAY, file);
            List<SavedSession> sessions = new ArrayList<>();
            JsonValueReader values = JsonValueReader.sharing(provider);
            Event event;
            while ((event = parser.next()) != Event.END_ARRAY) {
                if (event != Event.START_OBJECT) {
                    throw corrupt(file, "a session must be an object");
                }
                sessions.add(readSession(parser, values, file));
            }
            expectEnd(parser, file);
            verify(bytes, file, expected);
            return sessions;
        } catch (IOException | RuntimeException e) {
            throw corrupt(file, e);
        }
    }

    private SavedSession readSession(JsonParser parser, JsonValueReader values, Path file) throws DatasetException {
        JsonValue sh = null;
        KvSnapshot keys = null;
        Event event;
        while ((event = parser.next()) == Event.KEY_NAME) {
            String member = parser.getString();
            if (member.equals("sh") && sh == null) {
                sh = values.read(parser, parser.next());
            } else if (member.equals("keys") && keys == null) {
                expect(parser, Event.START_OBJECT, file);
                keys = readMembers(parser, values);
            } else {
                throw corrupt(file, "unexpected member \"" + member + "\" in a session");
            }
        }
        if (!(sh instanceof JsonObject header) || keys == null) {
            throw corrupt(file, "a session needs an \"sh\" object and a \"keys\" object");
        }
        Long token = unsigned(header.get("tkn"));
        JsonValue shared = header.get("shared");
        JsonValue expiry = header.get("expiry");
        if (token == null || !isBool(shared) || !(expiry instanceof JsonObject expiryObject)) {
            throw corrupt(file, "a session's \"sh\" needs \"tkn\" (unsigned 64-bit), \"shared\" and \"expiry\"");
        }
        Long duration = unsigned(expiryObject.get("duration"));
        JsonValue deleteSession = expiryObject.get("deleteSession");
        if (duration == null || duration < 0 || !isBool(deleteSession)) {
            throw corrupt(file, "session " + Long.toUnsignedString(token)
                    + ": \"expiry\" needs \"duration\" (whole seconds) and \"deleteSession\"");
        }
        String name = sharedName(header.get("name"), token, shared == JsonValue.TRUE, file);
        return new SavedSession(token, shared == JsonValue.TRUE, name, duration, deleteSession == JsonValue.TRUE,
                keys.keys(), keys.values());
    }

    /**
     * A shared session's {@code "name"}, or {@code null} when the file has none (0.6.4 writes
     * none). A name that is not a non-empty string, on a session that is not shared, or that does
     * not derive the session's token, makes the file corrupt: it would let the name check of
     * SH_OPEN and SH_NEW guard the wrong session.
     */
    private static String sharedName(JsonValue value, long token, boolean shared, Path file) throws DatasetException {
        if (value == null) {
            return null;
        }
        String session = "session " + Long.toUnsignedString(token);
        if (!(value instanceof JsonString string) || string.getString().isEmpty()) {
            throw corrupt(file, session + ": \"name\" must be a non-empty string");
        }
        if (!shared) {
            throw corrupt(file, session + " is not shared but has a \"name\"");
        }
        if (SharedToken.of(string.getString()) != token) {
            throw corrupt(file, session + ": its \"name\" does not derive its token");
        }
        return string.getString();
    }

    /** Reads the members of an object whose START_OBJECT was just returned, up to its END_OBJECT. */
    private KvSnapshot readMembers(JsonParser parser, JsonValueReader values) {
        List<String> keys = new ArrayList<>();
        List<JsonValue> read = new ArrayList<>();
        while (parser.next() == Event.KEY_NAME) {
            keys.add(parser.getString());
            read.add(values.read(parser, parser.next()));
            if (keys.size() % PROGRESS_KEYS == 0) {
                progress.keysParsed(PROGRESS_KEYS);
            }
        }
        progress.keysParsed(keys.size() % PROGRESS_KEYS);
        return new KvSnapshot(keys.toArray(String[]::new), read.toArray(JsonValue[]::new));
    }

    /**
     * The file's text, decoded strictly: invalid UTF-8 makes the file corrupt instead of becoming
     * U+FFFD. Decoded as it is parsed, in chunks that stay in the processor's caches.
     */
    private static Reader decoding(DataFileCheck.Counting bytes) {
        return new Utf8Reader(bytes, READ_BUFFER_BYTES);
    }

    /** Checks the whole file's length and CRC32C against {@code expected}, once the document has been parsed. */
    private static void verify(DataFileCheck.Counting bytes, Path file, DataFileCheck expected) throws IOException, DatasetException {
        if (expected != null) {
            bytes.drain();
            expected.verify(file, bytes.check());
        }
    }

    private static boolean isBool(JsonValue value) {
        return value != null && (value.getValueType() == JsonValue.ValueType.TRUE
                || value.getValueType() == JsonValue.ValueType.FALSE);
    }

    /** An unsigned 64-bit integer written as a JSON number (never a string), or {@code null}. */
    private static Long unsigned(JsonValue value) {
        return value instanceof LiteralNumber ? Token.parse(value) : null;
    }

    private static void expect(JsonParser parser, Event expected, Path file) throws DatasetException {
        if (!parser.hasNext() || parser.next() != expected) {
            throw corrupt(file, "expected " + expected);
        }
    }

    private static void expectEnd(JsonParser parser, Path file) throws DatasetException {
        if (parser.hasNext()) {
            throw corrupt(file, "text after the end of the document");
        }
    }

    private static DatasetException corrupt(Path file, String why) {
        return new DatasetException("data file " + file + " is corrupt: " + why);
    }

    private static DatasetException corrupt(Path file, Exception cause) {
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return corrupt(file, why);
    }
}
