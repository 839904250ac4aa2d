package io.nemesisdb.kv;

import io.nemesisdb.ApplicationSingleton;
import io.nemesisdb.command.CommandHandler;
import io.nemesisdb.config.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Turns a {@link KeySpaceHandler} into a command handler that first finds the request's key space
 * with the {@link KeySpaces} of the server's mode. Every KV command is declared through it. A key
 * space closed while the command was on its way (a session ended) makes the command fail as if
 * it had not been found.
 */
@ApplicationSingleton
public class KeySpaceResolver {

    @Inject
    ServerSettings settings;

    @Inject
    Instance<KeySpaces> implementations;

    private KeySpaces keySpaces;

    @PostConstruct
    void init() {
        for (KeySpaces candidate : implementations) {
            if (candidate.mode() == settings.mode()) {
                keySpaces = candidate;
            }
        }
        if (keySpaces == null) {
            throw new IllegalStateException("no key spaces for mode " + settings.mode());
        }
    }

    /** A command handler that runs {@code handler} on the request's key space. */
    public CommandHandler on(KeySpaceHandler handler) {
        return context -> {
            KeySpace keySpace = keySpaces.find(context);
            if (keySpace == null) {
                return;
            }
            try {
                handler.handle(context, keySpace);
            } catch (KeySpace.Closed closed) {
                keySpaces.replyClosed(context);
            }
        };
    }
}
