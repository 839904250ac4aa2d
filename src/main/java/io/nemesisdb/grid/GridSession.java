package io.nemesisdb.grid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;

import io.nemesisdb.kv.KeySpace;
import io.nemesisdb.session.Expiry;

/**
 * One session as the grid keeps it, the value of its token in the sessions map: the header (sharing,
 * name, expiry, and the deadline in epoch milliseconds of the owner's clock) and its keys, in a
 * {@link KeySpace} so that they keep 0.6.4's order and the commands' semantics. Only the
 * partition thread of its owner (or of its backup) touches it; it is serialized, keys as JSON
 * text in their order, when it migrates or is copied whole.
 */
public final class GridSession implements DataSerializable {

    private boolean shared;
    private String name;
    private long durationSeconds;
    private boolean deleteSession;
    private long deadlineMillis;
    private KeySpace keys = emptyKeys();

    /** For deserialization only. */
    public GridSession() {
    }

    GridSession(boolean shared, String name, Expiry expiry, long nowMillis) {
        this.shared = shared;
        this.name = name;
        this.durationSeconds = expiry.durationSeconds();
        this.deleteSession = expiry.deleteSession();
        restart(nowMillis);
    }

    boolean shared() {
        return shared;
    }

    String name() {
        return name;
    }

    Expiry expiry() {
        return durationSeconds == 0 ? Expiry.NEVER : new Expiry(durationSeconds, deleteSession);
    }

    KeySpace keys() {
        return keys;
    }

    long deadlineMillis() {
        return deadlineMillis;
    }

    /** True when {@code name} reaches this session: a shared session of that name (or of an unknown name). */
    boolean answersTo(String name) {
        return shared && (this.name == null || this.name.equals(name));
    }

    /** True when the session expires and its time is up at {@code nowMillis}. */
    boolean isDue(long nowMillis) {
        return durationSeconds != 0 && nowMillis >= deadlineMillis;
    }

    /** True when the session is due and its expiry deletes it: it no longer exists. */
    boolean isGone(long nowMillis) {
        return isDue(nowMillis) && deleteSession;
    }

    /** Whole seconds until expiry, never negative; 0 for a session that never expires. */
    long remainingSeconds(long nowMillis) {
        return durationSeconds == 0 ? 0 : Math.max(0, (deadlineMillis - nowMillis) / 1000);
    }

    /** Starts the idle clock again at {@code nowMillis}. */
    void restart(long nowMillis) {
        deadlineMillis = durationSeconds == 0 ? Long.MAX_VALUE : nowMillis + durationSeconds * 1000;
    }

    void deadline(long deadlineMillis) {
        this.deadlineMillis = deadlineMillis;
    }

    /** Drops every key, as an expiry that keeps the session does. */
    void empty() {
        keys = emptyKeys();
    }

    /** A copy that shares the (immutable) values, for a reader outside the partition thread. */
    GridSession copy() {
        GridSession copy = new GridSession();
        copy.shared = shared;
        copy.name = name;
        copy.durationSeconds = durationSeconds;
        copy.deleteSession = deleteSession;
        copy.deadlineMillis = deadlineMillis;
        keys.read(map -> copy.keys.write(target -> {
            target.putAll(map);
            return null;
        }));
        return copy;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeBoolean(shared);
        out.writeString(name);
        out.writeLong(durationSeconds);
        out.writeBoolean(deleteSession);
        out.writeLong(deadlineMillis);
        List<String> texts = keys.read(map -> {
            List<String> pairs = new ArrayList<>(map.size() * 2);
            map.forEach((key, value) -> {
                pairs.add(key);
                pairs.add(GridJson.text(value));
            });
            return pairs;
        });
        out.writeInt(texts.size() / 2);
        for (String text : texts) {
            out.writeString(text);
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        shared = in.readBoolean();
        name = in.readString();
        durationSeconds = in.readLong();
        deleteSession = in.readBoolean();
        deadlineMillis = in.readLong();
        int count = in.readInt();
        String[] pairs = new String[count * 2];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = in.readString();
        }
        keys = emptyKeys();
        keys.write(map -> {
            for (int i = 0; i < pairs.length; i += 2) {
                map.put(pairs[i], GridJson.value(pairs[i + 1]));
            }
            return null;
        });
    }

    private static KeySpace emptyKeys() {
        return new KeySpace(4);
    }
}
