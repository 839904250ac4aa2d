package io.nemesisdb.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * How access keys are stored: {@code sha256:<salt>:<digest>}, the SHA-256 of a random 16-byte
 * salt followed by the key's UTF-8 bytes, both in base64. Keys are random (the key tool makes 32
 * random bytes), so one salted hash is enough to keep a stolen key file from revealing them; a
 * slow password hash would only make every handshake slow. Comparisons take the same time
 * whatever the bytes.
 */
public final class KeyHash {

    private static final String PREFIX = "sha256:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] salt;
    private final byte[] digest;

    private KeyHash(byte[] salt, byte[] digest) {
        this.salt = salt;
        this.digest = digest;
    }

    /** The hash of {@code key} with a fresh random salt. */
    public static KeyHash of(String key) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new KeyHash(salt, digest(salt, key));
    }

    /** Reads the stored form; throws {@link IllegalArgumentException} naming what is wrong. */
    public static KeyHash parse(String stored) {
        String[] parts = stored.split(":");
        if (parts.length != 3 || !stored.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a key hash has the form sha256:<salt>:<digest> (made by the key tool)");
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            byte[] digest = Base64.getDecoder().decode(parts[2]);
            if (salt.length < 8 || digest.length != 32) {
                throw new IllegalArgumentException("a key hash needs a salt of at least 8 bytes and a 32-byte digest");
            }
            return new KeyHash(salt, digest);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a key hash's salt and digest are base64: " + e.getMessage(), e);
        }
    }

    /** A new random key: 32 bytes in base64url without padding (43 characters). */
    public static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /** True when {@code key} is the key this hash was made of; takes the same time whatever it is. */
    public boolean matches(String key) {
        return MessageDigest.isEqual(digest, digest(salt, key));
    }

    /** The stored form. */
    @Override
    public String toString() {
        return PREFIX + Base64.getEncoder().encodeToString(salt) + ":" + Base64.getEncoder().encodeToString(digest);
    }

    private static byte[] digest(byte[] salt, String key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
