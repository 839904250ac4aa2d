package io.nemesisdb.persist;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.nemesisdb.protocol.JsonText;
import io.nemesisdb.protocol.Mode;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The content of {@code md/md.json}, written with exactly 0.6.4's members in 0.6.4's order:
 * {@code {"name":..,"version":2,"status":..,"start":<ms>,"complete":<ms>,"saveDataType":0|1}}.
 */
public record DatasetMetadata(String name, int version, int status, long start, long complete, int saveDataType) {

    public static final int VERSION = 2;
    public static final int PENDING = 0;
    public static final int COMPLETE = 1;
    public static final int KV_DATA = 0;
    public static final int SESSIONS_DATA = 1;

    /** The {@code saveDataType} of datasets saved in {@code mode}. */
    public static int dataType(Mode mode) {
        return mode == Mode.KV ? KV_DATA : SESSIONS_DATA;
    }

    public boolean isComplete() {
        return status == COMPLETE;
    }

    /** The JSON text of {@code md.json}. */
    public String toJson() {
        return new JsonText(128).ascii("{\"name\":").string(name)
                .ascii(",\"version\":").number(version)
                .ascii(",\"status\":").number(status)
                .ascii(",\"start\":").number(start)
                .ascii(",\"complete\":").number(complete)
                .ascii(",\"saveDataType\":").number(saveDataType)
                .ascii('}').toString();
    }

    /** An {@code md.json} that exists but does not hold valid metadata: a save that never finished writing it. */
    public static final class MalformedException extends IOException {
        MalformedException(String message) {
            super(message);
        }
    }

    /**
     * Reads {@code file}.
     *
     * @throws MalformedException when it is not valid metadata
     * @throws IOException when it cannot be read
     */
    public static DatasetMetadata read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MalformedException(file + " is not UTF-8");
        }
        JsonObject md;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            md = reader.readObject();
        } catch (JsonException | UnsupportedOperationException e) {
            // Parsson reports a number over its length limit (1,100 characters) with the latter
            throw new MalformedException(file + " is not a JSON object: " + e.getMessage());
        }
        return new DatasetMetadata(
                md.get("name") instanceof JsonString s ? s.getString() : "",
                integer(md, "version", file),
                integer(md, "status", file),
                md.get("start") instanceof JsonNumber n ? n.longValue() : 0,
                md.get("complete") instanceof JsonNumber n ? n.longValue() : 0,
                integer(md, "saveDataType", file));
    }

    private static int integer(JsonObject md, String member, Path file) throws IOException {
        JsonValue value = md.get(member);
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.intValueExact();
            } catch (ArithmeticException e) {
                // reported below
            }
        }
        throw new MalformedException(file + " has no valid \"" + member + "\"");
    }
}
