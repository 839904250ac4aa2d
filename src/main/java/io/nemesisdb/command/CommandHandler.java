package io.nemesisdb.command;

/** Executes a validated command and replies through its context. */
@FunctionalInterface
public interface CommandHandler {

    void handle(CommandContext context);
}
