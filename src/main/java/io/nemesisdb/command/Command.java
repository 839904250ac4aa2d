package io.nemesisdb.command;

import io.nemesisdb.kv.KeySpace;
import jakarta.json.JsonObject;

/**
 * One command (or, for a quiet variant, one of the two names of one behaviour): its declaration,
 * how its request is read from the body, and what it does. The dispatcher checks the declared
 * parameters, then {@linkplain #parse parses} the body into the request (which may still reject
 * it: the checks among parameters), then the token and the memory limit, then runs the command.
 * Implemented as {@link OnKeySpace}, for commands that work on one key space, or {@link Direct}
 * for the others.
 *
 * @param <R> the parsed request: a record of the command's parameters ({@link Void} for none)
 */
public sealed interface Command<R> permits Command.OnKeySpace, Command.Direct {

    /** The declaration: name, modes, scope, access, flags and parameters. */
    CommandSpec spec();

    /**
     * Reads the request from {@code body}, whose declared parameters have passed their checks.
     *
     * @throws Violation when the body breaks a rule that no single parameter can check
     */
    R parse(JsonObject body);

    /** True when {@code request} runs on the {@link ExpensiveCommands} threads; by default, as declared. */
    default boolean isExpensive(R request) {
        return spec().expensive();
    }

    /** A command of scope {@link Scope#KEY_SPACE}: the dispatcher finds the request's key space and hands it in. */
    non-sealed interface OnKeySpace<R> extends Command<R> {

        /**
         * Runs the command on {@code keySpace} and replies through {@code context}. A key space
         * closed meanwhile throws {@link KeySpace.Closed}, which the dispatcher replies.
         */
        void execute(CommandContext context, R request, KeySpace keySpace);
    }

    /** A command that works on the server or on a session as a whole. */
    non-sealed interface Direct<R> extends Command<R> {

        /** Runs the command and replies through {@code context}. */
        void execute(CommandContext context, R request);
    }
}
