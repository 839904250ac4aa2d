package io.nemesisdb.security;

import java.util.Locale;

import io.nemesisdb.command.Access;

/**
 * What the holder of an access key may do: {@code admin} everything; {@code readwrite} reads and
 * changes of named keys and single sessions, but no wiping, listing every session, saving or
 * loading; {@code readonly} only reads. Without any key configured every client is admin.
 */
public enum Role {
    ADMIN,
    READWRITE,
    READONLY;

    /** True when this role may run a command that needs {@code access}. */
    public boolean allows(Access access) {
        return switch (this) {
            case ADMIN -> true;
            case READWRITE -> access != Access.ADMIN;
            case READONLY -> access == Access.READ;
        };
    }

    /** The role written {@code name} ({@code admin}, {@code readwrite}, {@code readonly}, any case), or null. */
    public static Role named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "admin" -> ADMIN;
            case "readwrite" -> READWRITE;
            case "readonly" -> READONLY;
            default -> null;
        };
    }

    /** The name used in key files and messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
