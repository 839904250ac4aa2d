package io.nemesisdb.grid;

import java.io.IOException;
import java.util.Map;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import com.hazelcast.query.Predicate;

import io.nemesisdb.session.Expiry;

/**
 * The session-level operations of the grid, each an entry processor run by the owner of a token
 * on the partition's thread, against the owner's clock. Those that only look are {@link ReadOnly}
 * and leave a due session as it is (the next {@code KV_} command or the sweep applies its expiry):
 * they answer as if it had been applied. Those that change the session give the backup the
 * outcome, never the clock.
 */
final class SessionCalls {

    private SessionCalls() {
    }

    /** Creates the session unless a live one holds the token; replies what it found there. */
    static final class Create extends GridProcessor<Integer> {
        static final int CREATED = 0;
        static final int NAME_IN_USE = 1;
        static final int OTHER_NAME = 2;

        private boolean shared;
        private String name;
        private Expiry expiry;
        private transient GridSession created;

        public Create() {
        }

        Create(boolean shared, String name, Expiry expiry) {
            this.shared = shared;
            this.name = name;
            this.expiry = expiry;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeBoolean(shared);
            out.writeString(name);
            out.writeLong(expiry.durationSeconds());
            out.writeBoolean(expiry.deleteSession());
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            shared = in.readBoolean();
            name = in.readString();
            expiry = new Expiry(in.readLong(), in.readBoolean());
        }

        @Override
        public Integer process(Map.Entry<Long, GridSession> entry) {
            long now = System.currentTimeMillis();
            GridSession holder = entry.getValue();
            if (holder != null && !holder.isGone(now)) {
                return holder.answersTo(name) ? NAME_IN_USE : OTHER_NAME;
            }
            created = new GridSession(shared, name, expiry, now);
            entry.setValue(created);
            return CREATED;
        }

        @Override
        public EntryProcessor<Long, GridSession, Integer> getBackupProcessor() {
            return created != null ? new Put<>(created) : null;
        }
    }

    /** Adds a restored session unless a live one holds its token; its idle clock starts now. */
    static final class Restore extends GridProcessor<Boolean> {
        private GridSession session;
        private transient boolean stored;

        /** For deserialization only. */
        public Restore() {
        }

        Restore(GridSession session) {
            this.session = session;
        }

        @Override
        public Boolean process(Map.Entry<Long, GridSession> entry) {
            long now = System.currentTimeMillis();
            if (entry.getValue() != null && !entry.getValue().isGone(now)) {
                return false;
            }
            session.restart(now);
            entry.setValue(session);
            stored = true;
            return true;
        }

        @Override
        public EntryProcessor<Long, GridSession, Boolean> getBackupProcessor() {
            return stored ? new Put<>(session) : null;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeObject(session);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            session = in.readObject();
        }
    }

    /** On the backup: the session the owner stored. Serialized by Hazelcast, as the session is. */
    static final class Put<R> extends GridProcessor<R> {
        private GridSession session;

        /** For deserialization only. */
        public Put() {
        }

        Put(GridSession session) {
            this.session = session;
        }

        @Override
        public R process(Map.Entry<Long, GridSession> entry) {
            entry.setValue(session);
            return null;
        }

        @Override
        public EntryProcessor<Long, GridSession, R> getBackupProcessor() {
            return null;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeObject(session);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            session = in.readObject();
        }
    }

    /** Ends the session: true when a live one was ended; a deleted-on-expiry one is only removed. */
    static final class End extends GridProcessor<Boolean> {
        private transient boolean removed;

        public End() {
        }

        @Override
        public Boolean process(Map.Entry<Long, GridSession> entry) {
            Boolean live = EndAll.remove(entry);
            removed = live != null;
            return Boolean.TRUE.equals(live);
        }

        @Override
        public EntryProcessor<Long, GridSession, Boolean> getBackupProcessor() {
            return removed ? new Remove() : null;
        }
    }

    /** On the backup (and for every session in {@link EndAll}): removes the entry. */
    static final class Remove extends GridProcessor<Boolean> {
        public Remove() {
        }

        @Override
        public Boolean process(Map.Entry<Long, GridSession> entry) {
            entry.setValue(null);
            return null;
        }

        @Override
        public EntryProcessor<Long, GridSession, Boolean> getBackupProcessor() {
            return null;
        }
    }

    /**
     * Removes every session it visits, replying whether each was live. The backup runs it again:
     * it removes what it visits whatever the clock says.
     */
    static final class EndAll extends GridProcessor<Boolean> {
        public EndAll() {
        }

        @Override
        public Boolean process(Map.Entry<Long, GridSession> entry) {
            return remove(entry);
        }

        /** Removes the session: whether it was live, or {@code null} when there was none. */
        static Boolean remove(Map.Entry<Long, GridSession> entry) {
            GridSession session = entry.getValue();
            if (session == null) {
                return null;
            }
            entry.setValue(null);
            return !session.isGone(System.currentTimeMillis());
        }
    }

    /**
     * Applies the expiry of a session due at {@code nowMillis} (the sweeping member's clock, which
     * owns the session; fixed here so that the backup decides the same). Also the sweep's query of
     * the member's own sessions ({@link #apply}): a class that Hazelcast serializes field by field,
     * where a lambda would go through Java serialization, which the server's JVM-wide filter rejects.
     */
    static final class Sweep extends GridProcessor<Boolean> implements Predicate<Long, GridSession> {
        private long nowMillis;

        public Sweep() {
        }

        Sweep(long nowMillis) {
            this.nowMillis = nowMillis;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(nowMillis);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            nowMillis = in.readLong();
        }

        /** Whether the session is due. */
        @Override
        public boolean apply(Map.Entry<Long, GridSession> entry) {
            return entry.getValue() != null && entry.getValue().isDue(nowMillis);
        }

        @Override
        public Boolean process(Map.Entry<Long, GridSession> entry) {
            if (!apply(entry)) {
                return false;
            }
            GridSession session = entry.getValue();
            if (session.isGone(nowMillis)) {
                entry.setValue(null);
            } else {
                session.empty();
                session.restart(nowMillis);
                entry.setValue(session);
            }
            return true;
        }
    }

    /** A live session as {@code SH_} commands see it, without touching it. */
    static final class Seen implements DataSerializable {
        private boolean shared;
        private String name;
        private int keyCount;
        private Expiry expiry;
        private long remainingSeconds;

        public Seen() {
        }

        Seen(boolean shared, String name, int keyCount, Expiry expiry, long remainingSeconds) {
            this.shared = shared;
            this.name = name;
            this.keyCount = keyCount;
            this.expiry = expiry;
            this.remainingSeconds = remainingSeconds;
        }

        boolean shared() {
            return shared;
        }

        int keyCount() {
            return keyCount;
        }

        Expiry expiry() {
            return expiry;
        }

        long remainingSeconds() {
            return remainingSeconds;
        }

        boolean answersTo(String name) {
            return shared && (this.name == null || this.name.equals(name));
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeBoolean(shared);
            out.writeString(name);
            out.writeInt(keyCount);
            out.writeLong(expiry.durationSeconds());
            out.writeBoolean(expiry.deleteSession());
            out.writeLong(remainingSeconds);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            shared = in.readBoolean();
            name = in.readString();
            keyCount = in.readInt();
            expiry = new Expiry(in.readLong(), in.readBoolean());
            remainingSeconds = in.readLong();
        }
    }

    /** The session as {@link Seen}, or {@code null} when there is none. */
    static final class Look extends GridProcessor.Look<Seen> {
        public Look() {
        }

        @Override
        public Seen process(Map.Entry<Long, GridSession> entry) {
            GridSession session = entry.getValue();
            long now = System.currentTimeMillis();
            if (session == null || session.isGone(now)) {
                return null;
            }
            boolean due = session.isDue(now);
            return new Seen(session.shared(), session.name(), due ? 0 : session.keys().count(), session.expiry(),
                    due ? session.expiry().durationSeconds() : session.remainingSeconds(now));
        }
    }

    /** A copy of the session for a save (emptied when due), or {@code null} when there is none. */
    static final class Copy extends GridProcessor.Look<GridSession> {
        public Copy() {
        }

        @Override
        public GridSession process(Map.Entry<Long, GridSession> entry) {
            GridSession session = entry.getValue();
            long now = System.currentTimeMillis();
            if (session == null || session.isGone(now)) {
                return null;
            }
            GridSession copy = session.copy();
            if (session.isDue(now)) {
                copy.empty();
            }
            return copy;
        }
    }
}
