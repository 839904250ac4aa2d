package io.nemesisdb.command;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import io.nemesisdb.protocol.Mode;
import jakarta.json.JsonObject;

/**
 * The one declaration of a command: its name and reply name, the modes it exists in, what it
 * works on, what access it needs (which decides the roles that may run it), whether it is quiet
 * (replies only on error), whether it stores more (and so is refused above
 * {@code nemesis.max-memory}), whether it is expensive, its parameters and its handler.
 *
 * <p>An expensive command is one whose work grows with the data rather than with the request (a
 * search of every key, a load): it runs on the {@link ExpensiveCommands} threads, so that such
 * commands can never occupy every processor. {@code expensiveWhen} says which requests are
 * expensive ({@code null}: none).
 */
public record CommandSpec(String name,
                          String replyName,
                          Set<Mode> modes,
                          Scope scope,
                          Access access,
                          boolean quiet,
                          boolean stores,
                          Predicate<JsonObject> expensiveWhen,
                          List<Param> params,
                          Function<JsonObject, Violation> bodyCheck,
                          CommandHandler handler) {

    /** True when the request with this (validated) body runs on the {@link ExpensiveCommands} threads. */
    public boolean isExpensive(JsonObject body) {
        return expensiveWhen != null && expensiveWhen.test(body);
    }

    /** Starts the declaration of the command {@code name}, replying as {@code name + "_RSP"}. */
    public static Builder command(String name) {
        return new Builder(name);
    }

    /**
     * Fluent declaration; defaults: both modes, server scope, admin access, not quiet, storing
     * nothing, not expensive, no parameters.
     */
    public static final class Builder {
        private final String name;
        private Set<Mode> modes = EnumSet.allOf(Mode.class);
        private Scope scope = Scope.SERVER;
        private Access access = Access.ADMIN;
        private boolean quiet;
        private boolean stores;
        private Predicate<JsonObject> expensiveWhen;
        private List<Param> params = List.of();
        private Function<JsonObject, Violation> bodyCheck;

        private Builder(String name) {
            this.name = name;
        }

        public Builder modes(Mode first, Mode... rest) {
            this.modes = EnumSet.of(first, rest);
            return this;
        }

        public Builder scope(Scope scope) {
            this.scope = scope;
            return this;
        }

        /** A command that only reads: open to every role. */
        public Builder reads() {
            this.access = Access.READ;
            return this;
        }

        /** A command that changes named keys or one session: open to readwrite and admin keys. */
        public Builder writes() {
            this.access = Access.WRITE;
            return this;
        }

        public Builder quiet() {
            this.quiet = true;
            return this;
        }

        /** The command can make the store hold more: refused while {@link MemoryLimit#exceeded()}. */
        public Builder stores() {
            this.stores = true;
            return this;
        }

        /** Every request of this command is expensive. */
        public Builder expensive() {
            return expensiveWhen(body -> true);
        }

        /** The requests whose body passes {@code test} are expensive (one form of a command). */
        public Builder expensiveWhen(Predicate<JsonObject> test) {
            this.expensiveWhen = test;
            return this;
        }

        public Builder params(Param... params) {
            this.params = List.of(params);
            return this;
        }

        /**
         * A check of the body that no single parameter can make (which members go together), run
         * after the parameters passed: returns the violation, or {@code null} when the body is valid.
         */
        public Builder checks(Function<JsonObject, Violation> bodyCheck) {
            this.bodyCheck = bodyCheck;
            return this;
        }

        public CommandSpec handler(CommandHandler handler) {
            return new CommandSpec(name, name + "_RSP", Set.copyOf(modes), scope, access, quiet, stores, expensiveWhen, params,
                    bodyCheck, handler);
        }
    }
}
