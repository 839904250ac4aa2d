package io.nemesisdb.command;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.nemesisdb.protocol.Mode;

/**
 * The one declaration of a command: its name and reply name, the modes it exists in, what it
 * works on, whether it is quiet (replies only on error), whether it stores more (and so is refused
 * above {@code nemesis.max-memory}), its parameters and its handler.
 */
public record CommandSpec(String name,
                          String replyName,
                          Set<Mode> modes,
                          Scope scope,
                          boolean quiet,
                          boolean stores,
                          List<Param> params,
                          CommandHandler handler) {

    /** Starts the declaration of the command {@code name}, replying as {@code name + "_RSP"}. */
    public static Builder command(String name) {
        return new Builder(name);
    }

    /** Fluent declaration; defaults: both modes, server scope, not quiet, storing nothing, no parameters. */
    public static final class Builder {
        private final String name;
        private Set<Mode> modes = EnumSet.allOf(Mode.class);
        private Scope scope = Scope.SERVER;
        private boolean quiet;
        private boolean stores;
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

        public Builder quiet() {
            this.quiet = true;
            return this;
        }

        /** The command can make the store hold more: refused while {@link MemoryLimit#exceeded()}. */
        public Builder stores() {
            this.stores = true;
            return this;
        }

        public Builder params(Param... params) {
            this.params = List.of(params);
            return this;
        }

        public CommandSpec handler(CommandHandler handler) {
            return new CommandSpec(name, name + "_RSP", Set.copyOf(modes), scope, quiet, stores, params, handler);
        }
    }
}
