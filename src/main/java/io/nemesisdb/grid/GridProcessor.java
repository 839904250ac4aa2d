package io.nemesisdb.grid;

import java.io.IOException;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;

/**
 * An entry processor on the sessions map, serialized by Hazelcast field by field, never by Java
 * serialization (which the server's JVM-wide deserialization filter, set by Helidon, rejects).
 * Every subclass has a public constructor without arguments and writes the fields it has.
 */
abstract class GridProcessor<R> implements EntryProcessor<Long, GridSession, R>, DataSerializable {

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
    }

    /** A processor that only looks: no backup runs it. */
    abstract static class Look<R> extends GridProcessor<R> implements com.hazelcast.core.ReadOnly {
        @Override
        public EntryProcessor<Long, GridSession, R> getBackupProcessor() {
            return null;
        }
    }
}
