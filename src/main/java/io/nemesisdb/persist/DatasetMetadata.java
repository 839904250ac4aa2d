package io.nemesisdb.persist;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.nemesisdb.json.JsonText;
import io.nemesisdb.protocol.Mode;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The content of {@code md/md.json}: 0.6.4's members in 0.6.4's order,
 * {@code {"name":..,"version":2,"status":..,"start":<ms>,"complete":<ms>,"saveDataType":0|1}}, and,
 * in a complete save of this server, {@code "dataFiles":[{"bytes":..,"crc32c":..},…]}: one entry
 * per data file {@code 0, 1, …}, so that a load can tell that every file is there and is exactly
 * what was saved. NemesisDB 0.6.4 reads only {@code status} and {@code saveDataType} and ignores
 * every other member, so it loads these datasets as its own; its datasets have no
 * {@code dataFiles} and are loaded without the check.
 *
 * @param dataFiles what the save recorded about each data file; empty for datasets saved by 0.6.4
 *                  and for a save still being written
 */
public record DatasetMetadata(String name, int version, int status, long start, long complete, int saveDataType,
                              Optional<List<DataFileCheck>> dataFiles) {

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
        JsonText text = new JsonText(128).ascii("{\"name\":").string(name)
                .ascii(",\"version\":").number(version)
                .ascii(",\"status\":").number(status)
                .ascii(",\"start\":").number(start)
                .ascii(",\"complete\":").number(complete)
                .ascii(",\"saveDataType\":").number(saveDataType);
        if (dataFiles.isPresent()) {
            text.ascii(",\"dataFiles\":[");
            List<DataFileCheck> files = dataFiles.get();
            for (int i = 0; i < files.size(); i++) {
                text.ascii(i == 0 ? "{\"bytes\":" : ",{\"bytes\":").number(files.get(i).bytes())
                        .ascii(",\"crc32c\":").number(files.get(i).crc32c()).ascii('}');
            }
            text.ascii(']');
        }
        return text.ascii('}').toString();
    }

    /** An {@code md.json} that exists but does not hold valid metadata: a save that never finished writing it. */
    public static final class MalformedException extends IOException {
        MalformedException(String message) {
            super(message);
        }
    }

    /**
     * An {@code md.json} that is valid JSON but whose {@code dataFiles} is not a list of checks:
     * no save writes that, so the file was altered and the save cannot be trusted.
     */
    public static final class InvalidChecksException extends IOException {
        InvalidChecksException(String message) {
            super(message);
        }
    }

    /**
     * Reads {@code file}.
     *
     * @throws MalformedException when it is not valid metadata (cut off: a save that never finished writing it)
     * @throws InvalidChecksException when its {@code dataFiles} is not a list of checks
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
                integer(md, "saveDataType", file),
                dataFiles(md.get("dataFiles"), file));
    }

    private static Optional<List<DataFileCheck>> dataFiles(JsonValue value, Path file) throws IOException {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof JsonArray items)) {
            throw new InvalidChecksException(file + " has an invalid \"dataFiles\": not an array");
        }
        List<DataFileCheck> checks = new ArrayList<>(items.size());
        for (JsonValue item : items) {
            if (!(item instanceof JsonObject entry) || !(entry.get("bytes") instanceof JsonNumber bytes)
                    || !(entry.get("crc32c") instanceof JsonNumber crc) || !bytes.isIntegral() || !crc.isIntegral()) {
                throw new InvalidChecksException(file + " has an invalid \"dataFiles\" entry: " + item);
            }
            try {
                checks.add(new DataFileCheck(bytes.longValueExact(), crc.longValueExact()));
            } catch (ArithmeticException | IllegalArgumentException e) {
                throw new InvalidChecksException(file + " has an invalid \"dataFiles\" entry: " + item);
            }
        }
        return Optional.of(List.copyOf(checks));
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
