package io.nemesisdb.kv;

import io.nemesisdb.ApplicationSingleton;
import io.nemesisdb.command.CommandContext;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Status;

/** KV mode's only key space. */
@ApplicationSingleton
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

    /** Never called: KV mode's key space is never closed. */
    @Override
    public void replyClosed(CommandContext context) {
        context.fail(Status.UNKNOWN, "the key space is closed");
    }

    /** The key space itself, for loading and saving. */
    public KeySpace keySpace() {
        return keySpace;
    }
}
