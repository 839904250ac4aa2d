package io.nemesisdb.persist;

import java.io.IOException;

/**
 * The content a save writes, which the writer consumes entry by entry ({@link #writeTo}), so that
 * a snapshot need not be held whole: an in-process store's snapshot is a point-in-time copy taken
 * when the save starts (stored values are immutable, so it shares them with the live key spaces
 * and writing it needs no lock); a store whose content does not fit one process hands in a
 * {@link BatchedSnapshot}, fetched one batch at a time while it is written.
 */
public interface Snapshot {

    /** The data format the snapshot is written in. */
    DataFormat format();

    /** Writes every entry of the snapshot. */
    void writeTo(DataFileWriter out) throws IOException;
}
