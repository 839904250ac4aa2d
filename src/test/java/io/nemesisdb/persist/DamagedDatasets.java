package io.nemesisdb.persist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.json.JsonValue;

/**
 * Datasets of three data files, saved by this server's writer, and the ways a data file can be
 * damaged after the save: each makes the dataset one that must not load (142, nothing loaded).
 */
final class DamagedDatasets {

    /** Keys in {@link #kvSnapshot()}; sessions in {@link #sessionsSnapshot()}, each with {@link #KEYS_PER_SESSION} keys. */
    static final int KV_KEYS = 30;
    static final int SESSIONS = 6;
    static final int KEYS_PER_SESSION = 3;

    private DamagedDatasets() {
    }

    /** What happened to the dataset, and a phrase the 142's message must hold. */
    enum Damage {
        MISSING_LAST_FILE("is missing") {
            @Override
            void apply(Path ts, DataFormat format) throws IOException {
                Files.delete(dataFile(ts, 2));
            }
        },
        MISSING_MIDDLE_FILE("is missing") {
            @Override
            void apply(Path ts, DataFormat format) throws IOException {
                Files.delete(dataFile(ts, 1));
            }
        },
        /** The end of the last file cut off: no longer a JSON document. */
        TRUNCATED_FILE("bytes, md.json says") {
            @Override
            void apply(Path ts, DataFormat format) throws IOException {
                byte[] bytes = Files.readAllBytes(dataFile(ts, 2));
                Files.write(dataFile(ts, 2), Arrays.copyOf(bytes, bytes.length / 2));
            }
        },
        /** The last entry of the middle file removed, the document still complete and valid. */
        SHORTENED_FILE_STILL_VALID("bytes, md.json says") {
            @Override
            void apply(Path ts, DataFormat format) throws IOException {
                String text = Files.readString(dataFile(ts, 1), StandardCharsets.UTF_8);
                String marker = format == DataFormat.KV ? ",\"key-" : ",{\"sh\":";
                String shortened = text.substring(0, text.lastIndexOf(marker)) + format.closing();
                Datasets.parseExact(shortened);
                Files.writeString(dataFile(ts, 1), shortened, StandardCharsets.UTF_8);
            }
        },
        /** One bit of a letter inside a stored string flipped ('a' becomes 'A'): still valid JSON. */
        FLIPPED_BIT("CRC32C") {
            @Override
            void apply(Path ts, DataFormat format) throws IOException {
                byte[] bytes = Files.readAllBytes(dataFile(ts, 1));
                String text = new String(bytes, StandardCharsets.UTF_8);
                int at = text.indexOf("value-") + 1;
                if (bytes[at] != 'a') {
                    throw new AssertionError("expected 'a' at " + at + " of " + text);
                }
                bytes[at] ^= 0x20;
                Datasets.parseExact(new String(bytes, StandardCharsets.UTF_8));
                Files.write(dataFile(ts, 1), bytes);
            }
        },
        /** A valid data file that the save did not write, numbered after the last one. */
        EXTRA_FILE("not part of the save") {
            @Override
            void apply(Path ts, DataFormat format) throws IOException {
                String extra = format == DataFormat.KV ? "{\"keys\":{\"extra\":1}}"
                        : "[{\"sh\":{\"tkn\":777,\"shared\":false,\"expiry\":{\"duration\":0,\"deleteSession\":false}},\"keys\":{\"extra\":1}}]";
                Files.writeString(dataFile(ts, 3), extra);
            }
        },
        /** {@code md.json}'s list of data files replaced by something that is not a list of checks. */
        ALTERED_CHECKS("invalid \"dataFiles\"") {
            @Override
            void apply(Path ts, DataFormat format) throws IOException {
                Path md = ts.resolve("md/md.json");
                String text = Files.readString(md);
                Files.writeString(md, text.substring(0, text.indexOf("\"dataFiles\"")) + "\"dataFiles\":[{\"bytes\":\"many\"}]}");
            }
        };

        private final String reason;

        Damage(String reason) {
            this.reason = reason;
        }

        abstract void apply(Path ts, DataFormat format) throws IOException;

        /** A phrase of the load's error message. */
        String reason() {
            return reason;
        }
    }

    static Path dataFile(Path ts, int index) {
        return ts.resolve("data/" + index);
    }

    /** {@value #KV_KEYS} keys {@code key-00…} with string values {@code "value-…"}. */
    static KvSnapshot kvSnapshot() {
        String[] keys = new String[KV_KEYS];
        JsonValue[] values = new JsonValue[KV_KEYS];
        for (int i = 0; i < KV_KEYS; i++) {
            keys[i] = String.format("key-%02d", i);
            values[i] = Datasets.parseExact("\"value-" + "x".repeat(80) + i + "\"");
        }
        return new KvSnapshot(keys, values);
    }

    /** {@value #SESSIONS} sessions with tokens 1001…, each with {@value #KEYS_PER_SESSION} keys of string values {@code "value-…"}. */
    static SessionsSnapshot sessionsSnapshot() {
        List<SavedSession> sessions = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            String[] keys = new String[KEYS_PER_SESSION];
            JsonValue[] values = new JsonValue[KEYS_PER_SESSION];
            for (int k = 0; k < KEYS_PER_SESSION; k++) {
                keys[k] = "k" + k;
                values[k] = Datasets.parseExact("\"value-" + "y".repeat(80) + s + "-" + k + "\"");
            }
            sessions.add(new SavedSession(1001 + s, false, null, 0, false, keys, values));
        }
        return new SessionsSnapshot(sessions);
    }

    /**
     * Saves {@code snapshot} as dataset {@code name} under {@code root} with this server's writer,
     * in exactly three data files, and returns its {@code <ts>} directory.
     */
    static Path saveInThreeFiles(Path root, String name, Snapshot snapshot) throws IOException {
        long limit = snapshot.format() == DataFormat.KV ? 1100 : 800;
        SnapshotWriter writer = new SnapshotWriter(new DatasetLayout(root), limit);
        SaveName saveName = new SaveName(name);
        long ts = new SaveClock().next();
        writer.prepare(saveName, ts);
        SnapshotWriter.Written written = writer.write(saveName, ts, System.currentTimeMillis(), snapshot);
        if (written.files() != 3) {
            throw new AssertionError("expected 3 data files, got " + written.files());
        }
        return written.dir();
    }
}
