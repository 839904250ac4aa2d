package io.nemesisdb.store;

import java.util.List;

import io.nemesisdb.command.KeySpaceLookup;
import io.nemesisdb.ops.StoreSize;
import io.nemesisdb.persist.DatasetException;
import io.nemesisdb.persist.DatasetReader;
import io.nemesisdb.persist.SaveName;
import io.nemesisdb.persist.Snapshot;
import io.nemesisdb.protocol.Mode;

/**
 * Where the server keeps its data, one implementation per mode, chosen once at start-up
 * ({@link StoreProducer}): {@link KvModeStore}, one key space for all clients, or
 * {@link SessionsModeStore}, a key space per session. Everything that depends on how the data is
 * held goes through it: the key space of a request ({@link KeySpaceLookup}), the size for the
 * gauges ({@link StoreSize}), the snapshot a save writes, the restore of a dataset, and expiry.
 */
public interface Store extends KeySpaceLookup, StoreSize {

    /** The mode this store serves. */
    Mode mode();

    /** Everything the store holds, as one point-in-time snapshot for a save. */
    Snapshot snapshot();

    /**
     * The sessions of {@code tokens} that exist (unknown tokens skipped), for a save of some
     * sessions; a store without sessions holds none of them.
     */
    Snapshot snapshot(List<Long> tokens);

    /**
     * Adds the content of dataset {@code name}, read whole and checked before anything is added,
     * so that a corrupt dataset adds nothing. What exists is kept or overwritten as the mode says:
     * keys of the same name are overwritten, sessions whose token exists are left as they are.
     */
    Restored restore(DatasetReader reader, SaveName name) throws DatasetException;

    /** True when stored data can expire, so that {@link ExpirySweeper} runs {@link #sweepExpired()}. */
    boolean expires();

    /** Applies every expiry whose time is up; returns how many expired. */
    int sweepExpired();
}
