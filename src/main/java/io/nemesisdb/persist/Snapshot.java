package io.nemesisdb.persist;

import java.io.IOException;

/**
 * The content of a dataset frozen at the moment a save started. Stored values are immutable, so
 * a snapshot shares them with the live key spaces and writing it needs no lock.
 */
public interface Snapshot {

    /** The data format the snapshot is written in. */
    DataFormat format();

    /** Writes every entry of the snapshot. */
    void writeTo(DataFileWriter out) throws IOException;
}
