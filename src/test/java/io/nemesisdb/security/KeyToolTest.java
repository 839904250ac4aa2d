package io.nemesisdb.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key tool adds named keys to a key file, prints each key once, and stores only its salted hash. */
class KeyToolTest {

    @TempDir
    Path dir;

    private String run(int expectedStatus, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = KeyTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(expectedStatus, status, () -> err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void addedKeysAreStoredAsHashesAndFoundByTheirKey() throws Exception {
        Path file = dir.resolve("keys.json");
        String app = run(0, "add", "app", "readwrite", "--file", file.toString());
        String dashboard = run(0, "add", "dashboard", "readonly", "--file", file.toString());
        assertEquals(43, app.length(), "32 random bytes in base64url");
        String stored = Files.readString(file);
        assertFalse(stored.contains(app) || stored.contains(dashboard), "keys are never stored");

        List<KeyFile.Entry> entries = KeyFile.read(file);
        assertEquals(2, entries.size());
        assertEquals(Role.READWRITE, entries.get(0).role());
        assertTrue(entries.get(0).hash().matches(app));
        assertFalse(entries.get(0).hash().matches(dashboard));
        assertTrue(entries.get(1).hash().matches(dashboard));
        assertNotNull(entries.get(1).hash().toString());
    }

    @Test
    void aNameIsAddedOnceAndRolesAreChecked() throws Exception {
        Path file = dir.resolve("keys.json");
        run(0, "add", "app", "admin", "--file", file.toString());
        run(1, "add", "app", "readonly", "--file", file.toString());
        run(2, "add", "other", "superuser", "--file", file.toString());
        assertEquals(1, KeyFile.read(file).size());
        run(2, "remove", "app");
    }

    @Test
    void theSameKeyHashesDifferentlyEachTime() {
        KeyHash first = KeyHash.of("k");
        KeyHash second = KeyHash.of("k");
        assertFalse(first.toString().equals(second.toString()), "salted");
        assertTrue(KeyHash.parse(first.toString()).matches("k"));
    }
}
