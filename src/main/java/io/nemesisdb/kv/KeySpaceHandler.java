package io.nemesisdb.kv;

import io.nemesisdb.command.CommandContext;

/** Executes a command on the key space its request names. */
@FunctionalInterface
public interface KeySpaceHandler {

    void handle(CommandContext context, KeySpace keySpace);
}
