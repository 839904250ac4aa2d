package io.nemesisdb.command;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import io.nemesisdb.ApplicationSingleton;
import io.nemesisdb.protocol.Reply;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** Every command the server knows, indexed by name from the {@link CommandTable}. */
@ApplicationSingleton
public class CommandRegistry {

    /** A command with the opening of its replies and its metrics counter, made once. */
    record Entry(Command<?> command, CommandSpec spec, byte[] replyPrefix, Runnable counter) {
    }

    private final Map<String, Entry> commands = new HashMap<>();

    @Inject
    CommandTable table;

    @Inject
    CommandMeter meter;

    @PostConstruct
    void collect() {
        for (Command<?> command : table.commands()) {
            CommandSpec spec = command.spec();
            if ((spec.scope() == Scope.KEY_SPACE) != (command instanceof Command.OnKeySpace<?>)) {
                throw new IllegalStateException("command " + spec.name() + " must be declared of scope KEY_SPACE exactly when it works on a key space");
            }
            Entry entry = new Entry(command, spec, Reply.prefix(spec.replyName()), meter.commandCounter(spec.name()));
            if (commands.putIfAbsent(spec.name(), entry) != null) {
                throw new IllegalStateException("command " + spec.name() + " is declared twice");
            }
        }
    }

    /** The command named {@code name}, in any mode, or {@code null}. */
    Entry find(String name) {
        return commands.get(name);
    }

    /** All declared commands, for introspection. */
    public Collection<CommandSpec> all() {
        return commands.values().stream().map(Entry::spec).toList();
    }
}
