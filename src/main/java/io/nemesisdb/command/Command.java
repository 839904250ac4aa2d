package io.nemesisdb.command;

import io.nemesisdb.kv.KeySpaceOperations;
import jakarta.json.JsonObject;

/**
 * One command (or, for a quiet twin or the same behaviour in the other mode, two names of one
 * behaviour): its declaration, how its request is read from the body, and what it does. The
 * dispatcher checks the declared parameters, then {@linkplain #parse parses} the body into the
 * request (which may still reject it: the checks among parameters), then the token and the memory
 * limit, then runs the command. A command extends {@link OnKeySpace}, when it works on one key
 * space, or {@link Direct}.
 *
 * @param <R> the parsed request: a record of the command's parameters ({@link Void} for none)
 */
public abstract sealed class Command<R> permits Command.OnKeySpace, Command.Direct {

    private final CommandSpec spec;

    private Command(CommandSpec spec) {
        this.spec = spec;
    }

    /** The declaration: name, modes, scope, access, flags and parameters. */
    public final CommandSpec spec() {
        return spec;
    }

    /**
     * Reads the request from {@code body}, whose declared parameters have passed their checks.
     * Every command with parameters overrides it; one without has no request ({@code null}).
     *
     * @throws Violation when the body breaks a rule that no single parameter can check
     */
    public R parse(JsonObject body) {
        return null;
    }

    /** True when {@code request} runs on the {@link ExpensiveCommands} threads; by default, as declared. */
    public boolean isExpensive(R request) {
        return spec.expensive();
    }

    /** A command of scope {@link Scope#KEY_SPACE}: the dispatcher finds the request's key space and hands it in. */
    public abstract static non-sealed class OnKeySpace<R> extends Command<R> {

        protected OnKeySpace(CommandSpec spec) {
            super(spec);
        }

        /**
         * Runs the command on {@code keySpace} and replies through {@code context}. A key space
         * closed meanwhile throws {@link KeySpaceOperations.Closed}, which the dispatcher replies.
         */
        public abstract void execute(CommandContext context, R request, KeySpaceOperations keySpace);
    }

    /** A command that works on the server or on a session as a whole. */
    public abstract static non-sealed class Direct<R> extends Command<R> {

        protected Direct(CommandSpec spec) {
            super(spec);
        }

        /** Runs the command and replies through {@code context}. */
        public abstract void execute(CommandContext context, R request);
    }
}
