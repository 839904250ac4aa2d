package io.nemesisdb.command;

/**
 * What a command may do to the data, which decides the roles that may run it: {@code readonly}
 * keys run {@link #READ} commands, {@code readwrite} keys also {@link #WRITE} ones, {@code admin}
 * keys everything. A command declares its access; one that does not is {@link #ADMIN}.
 */
public enum Access {
    /** Reads keys or sessions and changes nothing. */
    READ,
    /** Changes named keys or one session. */
    WRITE,
    /** Wipes or replaces whole key spaces, lists every session, saves or loads datasets. */
    ADMIN
}
