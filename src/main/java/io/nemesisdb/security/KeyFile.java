package io.nemesisdb.security;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

/**
 * The file of named access keys ({@code nemesis.auth.file}): a JSON object
 * {@code {"keys":[{"name":"app","role":"readwrite","hash":"sha256:…"},…]}}. Only hashes are
 * stored ({@link KeyHash}); the key tool adds entries and prints each new key once. With mutual
 * TLS, an entry may name a client certificate's subject instead of a hash
 * ({@code "subject":"CN=app,O=Example"}): a client presenting that certificate gets the role
 * without a key.
 */
public final class KeyFile {

    /** One named key (or client certificate subject) with its role. */
    public record Entry(String name, Role role, KeyHash hash, X500Principal subject) {

        public Entry(String name, Role role, KeyHash hash) {
            this(name, role, hash, null);
        }
    }

    /** The file is missing, unreadable or malformed; the message says which and where. */
    public static final class KeyFileException extends Exception {
        KeyFileException(String message) {
            super(message);
        }
    }

    private KeyFile() {
    }

    /** The entries of the file at {@code path}. */
    public static List<Entry> read(Path path) throws KeyFileException {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new KeyFileException("cannot read the key file " + path + ": " + e.getMessage());
        }
        JsonObject root;
        try (var reader = Json.createReader(new StringReader(text))) {
            root = reader.readObject();
        } catch (JsonParsingException | ClassCastException e) {
            throw new KeyFileException("the key file " + path + " is not a JSON object: " + e.getMessage());
        } catch (JsonException e) {
            throw new KeyFileException("the key file " + path + " is not valid JSON: " + e.getMessage());
        }
        if (!(root.get("keys") instanceof jakarta.json.JsonArray keys)) {
            throw new KeyFileException("the key file " + path + " has no \"keys\" array");
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            String where = "the key file " + path + ", keys[" + i + "]: ";
            if (!(keys.get(i) instanceof JsonObject key)) {
                throw new KeyFileException(where + "not an object");
            }
            String name = key.getString("name", null);
            String role = key.getString("role", null);
            String hash = key.getString("hash", null);
            String subject = key.getString("subject", null);
            if (name == null || name.isEmpty() || role == null || (hash == null) == (subject == null)) {
                throw new KeyFileException(where + "needs \"name\" and \"role\" strings, and either a \"hash\" or a"
                        + " client certificate's \"subject\"");
            }
            if (!names.add(name)) {
                throw new KeyFileException(where + "the name " + name + " is used twice");
            }
            Role parsed = Role.named(role);
            if (parsed == null) {
                throw new KeyFileException(where + "role '" + role + "' is not admin, readwrite or readonly");
            }
            try {
                entries.add(hash != null ? new Entry(name, parsed, KeyHash.parse(hash))
                        : new Entry(name, parsed, null, new X500Principal(subject)));
            } catch (IllegalArgumentException e) {
                throw new KeyFileException(where + e.getMessage());
            }
        }
        return entries;
    }

    /** Writes {@code entries} to {@code path}, replacing it. */
    public static void write(Path path, List<Entry> entries) throws IOException {
        JsonArrayBuilder keys = Json.createArrayBuilder();
        for (Entry entry : entries) {
            var key = Json.createObjectBuilder().add("name", entry.name()).add("role", entry.role().label());
            keys.add(entry.hash() != null ? key.add("hash", entry.hash().toString()) : key.add("subject", entry.subject().getName()));
        }
        JsonValue root = Json.createObjectBuilder().add("keys", keys).build();
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        Files.writeString(temporary, root.toString() + "\n");
        Files.move(temporary, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
