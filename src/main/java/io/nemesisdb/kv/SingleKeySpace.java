package io.nemesisdb.kv;

import io.nemesisdb.command.CommandContext;
import io.nemesisdb.protocol.Mode;
import jakarta.enterprise.context.ApplicationScoped;

/** KV mode's only key space. */
@ApplicationScoped
public class SingleKeySpace implements KeySpaces {

    private final KeySpace keySpace = new KeySpace();

    @Override
    public Mode mode() {
        return Mode.KV;
    }

    @Override
    public KeySpace find(CommandContext context) {
        return keySpace;
    }

    /** The key space itself, for loading and saving. */
    public KeySpace keySpace() {
        return keySpace;
    }
}
