package io.nemesisdb.kv;

import io.nemesisdb.command.CommandContext;
import io.nemesisdb.protocol.Mode;

/**
 * Finds the key space a KV command works on. One implementation per mode: the single key space
 * in KV mode, the session named by {@code tkn} in sessions mode.
 */
public interface KeySpaces {

    /** The mode this implementation serves. */
    Mode mode();

    /**
     * The key space of the request in {@code context}, or {@code null} after having replied the
     * error (such as 100 for an unknown session).
     */
    KeySpace find(CommandContext context);

    /**
     * Replies the error for a command whose key space {@link #find found} was closed before the
     * command could run on it (sessions mode: the session ended meanwhile).
     */
    void replyClosed(CommandContext context);
}
