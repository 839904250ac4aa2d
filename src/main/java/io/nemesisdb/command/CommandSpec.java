package io.nemesisdb.command;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.nemesisdb.protocol.Mode;

/**
 * The declaration of a command: its name and reply name, the modes it exists in, what it works
 * on, what access it needs (which decides the roles that may run it), whether it is quiet
 * (replies only on error), whether it stores more (and so is refused above
 * {@code nemesis.max-memory}), whether it is expensive, and its parameters.
 *
 * <p>An expensive command is one whose work grows with the data rather than with the request (a
 * search of every key, a load): it runs on the {@link ExpensiveCommands} threads, so that such
 * commands can never occupy every processor. A command whose requests are expensive only in one
 * form says so in {@link Command#isExpensive}.
 */
public record CommandSpec(String name,
                          String replyName,
                          Set<Mode> modes,
                          Scope scope,
                          Access access,
                          boolean quiet,
                          boolean stores,
                          boolean expensive,
                          List<Param> params) {

    /** Starts the declaration of the command {@code name}, replying as {@code name + "_RSP"}. */
    public static Builder command(String name) {
        return new Builder(name);
    }

    /** Starts the declaration of a command that works on one key space, in both modes. */
    public static Builder keySpaceCommand(String name) {
        return command(name).scope(Scope.KEY_SPACE);
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
        private boolean expensive;
        private List<Param> params = List.of();

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

        /** Replies only on error when {@code quiet}. */
        public Builder quiet(boolean quiet) {
            this.quiet = quiet;
            return this;
        }

        /** The command can make the store hold more: refused while {@link MemoryLimit#exceeded()}. */
        public Builder stores() {
            this.stores = true;
            return this;
        }

        /** Every request of this command is expensive. */
        public Builder expensive() {
            this.expensive = true;
            return this;
        }

        public Builder params(Param... params) {
            this.params = List.of(params);
            return this;
        }

        public CommandSpec build() {
            return new CommandSpec(name, name + "_RSP", Set.copyOf(modes), scope, access, quiet, stores, expensive, params);
        }
    }
}
