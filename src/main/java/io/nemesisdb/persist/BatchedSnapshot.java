package io.nemesisdb.persist;

import java.io.IOException;
import java.util.Iterator;

/**
 * A snapshot fetched in batches as the writer consumes it: only one batch is held at a time. Each
 * batch is whatever its source could copy consistently (in sessions mode, whole sessions), not one
 * instant of the whole content.
 *
 * @param batches fetched lazily by {@link Iterator#next}, each of {@code format}
 */
public record BatchedSnapshot(DataFormat format, Iterator<? extends Snapshot> batches) implements Snapshot {

    /** The sessions of sessions mode, fetched in batches. */
    public static BatchedSnapshot ofSessions(Iterator<SessionsSnapshot> batches) {
        return new BatchedSnapshot(DataFormat.SESSIONS, batches);
    }

    /** The keys of KV mode, fetched in batches. */
    public static BatchedSnapshot ofKeys(Iterator<KvSnapshot> batches) {
        return new BatchedSnapshot(DataFormat.KV, batches);
    }

    @Override
    public void writeTo(DataFileWriter out) throws IOException {
        while (batches.hasNext()) {
            batches.next().writeTo(out);
        }
    }
}
