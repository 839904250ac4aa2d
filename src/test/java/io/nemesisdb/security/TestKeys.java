package io.nemesisdb.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A key file with one key of each role and a client certificate subject with the readonly role,
 * written once under target/ for the tests that configure it.
 */
final class TestKeys {

    static final String ADMIN = "admin-key-for-tests-0123456789abcdef";
    static final String READWRITE = "readwrite-key-for-tests-0123456789abc";
    static final String READONLY = "readonly-key-for-tests-0123456789abcd";
    /** The path the tests' {@code nemesis.auth.file} names. */
    static final String FILE = "target/test-keys/keys.json";

    static {
        try {
            Path file = Path.of(FILE);
            Files.createDirectories(file.getParent());
            KeyFile.write(file, List.of(
                    new KeyFile.Entry("ops", Role.ADMIN, KeyHash.of(ADMIN)),
                    new KeyFile.Entry("app", Role.READWRITE, KeyHash.of(READWRITE)),
                    new KeyFile.Entry("dashboard", Role.READONLY, KeyHash.of(READONLY)),
                    new KeyFile.Entry("dashboard-certificate", Role.READONLY, null,
                            new javax.security.auth.x500.X500Principal(TestTls.CLIENT_SUBJECT))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestKeys() {
    }

    /** Makes sure the file exists (loading this class writes it). */
    static void write() {
    }

    static Map<String, String> bearer(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }

    /** The subprotocol a browser sends its key in. */
    static String protocolOf(String key) {
        return Admission.BEARER_PROTOCOL + Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }
}
