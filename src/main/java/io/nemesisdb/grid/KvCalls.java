package io.nemesisdb.grid;

import java.io.IOException;
import java.util.Map;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;

/**
 * The entry processors of KV mode's map, run on the partition threads of the owners (and of the
 * backups). Serialized by Hazelcast, never by Java serialization, as {@link GridProcessor} says.
 */
final class KvCalls {

    private KvCalls() {
    }

    /**
     * Removes the entry it visits, replying true when there was one; the backup runs it again.
     * Partition-wide, it does not wait for a transaction's lock (cluster.md 5.4).
     */
    static final class Remove implements EntryProcessor<String, String, Boolean>, DataSerializable {
        public Remove() {
        }

        @Override
        public Boolean process(Map.Entry<String, String> entry) {
            if (entry.getValue() == null) {
                return false;
            }
            entry.setValue(null);
            return true;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
        }
    }
}
