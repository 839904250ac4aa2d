package io.nemesisdb.command;

import io.nemesisdb.kv.KeySpaceOperations;

/**
 * Finds the key space a {@link Scope#KEY_SPACE} command works on: the only one in KV mode, the
 * session named by {@code tkn} in sessions mode. The dispatcher asks it before running such a
 * command; the server's store (one per mode, chosen at start-up) provides it.
 */
public interface KeySpaceLookup {

    /**
     * The key space of the request in {@code context}, or {@code null} after having replied the
     * error (such as 100 for an unknown session).
     */
    KeySpaceOperations find(CommandContext context);

    /**
     * Replies the error for a command whose key space {@link #find found} was closed before the
     * command could run on it (sessions mode: the session ended meanwhile).
     */
    void replyClosed(CommandContext context);

    /**
     * True when the store's operations wait for the network (a data grid): then no command may run
     * on a transport's thread, and the dispatcher runs every command on a virtual thread of its own.
     */
    default boolean blocks() {
        return false;
    }
}
