package io.nemesisdb.command;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import io.nemesisdb.ApplicationSingleton;
import io.nemesisdb.protocol.Reply;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** Every command the server knows, collected from all {@link CommandCatalog} beans. */
@ApplicationSingleton
public class CommandRegistry {

    /** A declared command with the opening of its replies and its metrics counter, made once. */
    record Entry(CommandSpec spec, byte[] replyPrefix, Runnable counter) {
    }

    private final Map<String, Entry> commands = new HashMap<>();

    @Inject
    Instance<CommandCatalog> catalogs;

    @Inject
    CommandMeter meter;

    @PostConstruct
    void collect() {
        for (CommandCatalog catalog : catalogs) {
            for (CommandSpec spec : catalog.commands()) {
                Entry previous = commands.putIfAbsent(spec.name(), new Entry(spec, Reply.prefix(spec.replyName()), meter.commandCounter(spec.name())));
                if (previous != null) {
                    throw new IllegalStateException("command " + spec.name() + " is declared twice");
                }
            }
        }
    }

    /** The command named {@code name}, in any mode, or {@code null}. */
    Entry find(String name) {
        return commands.get(name);
    }

    /** All declared commands, for introspection. */
    public Collection<CommandSpec> all() {
        return Collections.unmodifiableCollection(commands.values().stream().map(Entry::spec).toList());
    }
}
