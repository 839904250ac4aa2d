package io.nemesisdb.store;

import java.util.List;

import io.nemesisdb.command.CommandContext;
import io.nemesisdb.persist.KvSnapshot;
import io.nemesisdb.persist.Snapshot;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Status;
import jakarta.json.JsonValue;

/**
 * What every store of KV mode has in common, in process ({@link KvModeStore}) or on a grid: one
 * key space that every client shares and that is never closed, no sessions, nothing that expires.
 */
public interface OneKeySpaceStore extends Store {

    @Override
    default Mode mode() {
        return Mode.KV;
    }

    /** Never called: KV mode's key space is never closed. */
    @Override
    default void replyClosed(CommandContext context) {
        context.fail(Status.UNKNOWN, "the key space is closed");
    }

    @Override
    default boolean hasSessions() {
        return false;
    }

    @Override
    default long sessions() {
        return 0;
    }

    /** KV mode has no sessions: no key is one of theirs. */
    @Override
    default Snapshot snapshot(List<Long> tokens) {
        return new KvSnapshot(new String[0], new JsonValue[0]);
    }

    @Override
    default boolean expires() {
        return false;
    }

    @Override
    default int sweepExpired() {
        return 0;
    }
}
