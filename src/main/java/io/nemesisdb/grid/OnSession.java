package io.nemesisdb.grid;

import java.io.IOException;
import java.io.Serializable;
import java.util.Map;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;

/**
 * One {@code KV_} operation on a session, run by the owner of its token on the partition's thread:
 * first the session's expiry against the owner's clock (an expired session is deleted, and the
 * call finds none, or emptied, and the operation runs on the empty session), then the operation,
 * then the new deadline. Returns {@code null} when there is no session, and an outcome that says
 * so when this call applied an expiry, so that the calling member counts it. The backup replays
 * what the owner decided ({@link Replay}), not the clock.
 */
final class OnSession extends GridProcessor<OnSession.Outcome> {

    /**
     * What the operation returned, and whether this call applied the session's expiry: emptied
     * (the operation ran on the empty session) or deleted ({@link #gone()}: no operation ran).
     */
    static final class Outcome implements DataSerializable {
        private Object value;
        private boolean expired;
        private boolean gone;

        public Outcome() {
        }

        Outcome(Object value, boolean expired) {
            this.value = value;
            this.expired = expired;
        }

        /** The session expired during this call and its expiry deleted it. */
        static Outcome deletedOnExpiry() {
            Outcome outcome = new Outcome(null, true);
            outcome.gone = true;
            return outcome;
        }

        Object value() {
            return value;
        }

        boolean expired() {
            return expired;
        }

        boolean gone() {
            return gone;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeObject(value);
            out.writeBoolean(expired);
            out.writeBoolean(gone);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            value = in.readObject();
            expired = in.readBoolean();
            gone = in.readBoolean();
        }
    }

    private KeySpaceStep step;
    private transient boolean deleted;
    private transient boolean emptied;
    private transient long deadline;
    private transient boolean replicate;

    public OnSession() {
    }

    OnSession(KeySpaceStep step) {
        this.step = step;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        KeySpaceStep.write(out, step);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        step = KeySpaceStep.read(in);
    }

    @Override
    public Outcome process(Map.Entry<Long, GridSession> entry) {
        GridSession session = entry.getValue();
        if (session == null) {
            return null;
        }
        long now = System.currentTimeMillis();
        if (session.isGone(now)) {
            entry.setValue(null);
            deleted = true;
            replicate = true;
            return Outcome.deletedOnExpiry();
        }
        if (session.isDue(now)) {
            session.empty();
            emptied = true;
        }
        Serializable result = step.apply(session.keys());
        long before = session.deadlineMillis();
        session.restart(now);
        deadline = session.deadlineMillis();
        // a read that leaves the deadline where it was (a session that never expires) changes
        // nothing the backups hold: no backup call, and the command does not wait for one
        replicate = emptied || step.changes() || deadline != before;
        entry.setValue(session);
        return new Outcome(result, emptied);
    }

    /** What the owner did, for the backups; none when it changed nothing (or found no session). */
    @Override
    public EntryProcessor<Long, GridSession, Outcome> getBackupProcessor() {
        return replicate ? new Replay(deleted, emptied, step.changes() ? step : null, deadline) : null;
    }

    /** On the backup: what the owner did, with the owner's deadline. */
    static final class Replay extends GridProcessor<Outcome> {
        private boolean deleted;
        private boolean emptied;
        private KeySpaceStep step;
        private long deadline;

        public Replay() {
        }

        Replay(boolean deleted, boolean emptied, KeySpaceStep step, long deadline) {
            this.deleted = deleted;
            this.emptied = emptied;
            this.step = step;
            this.deadline = deadline;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeBoolean(deleted);
            out.writeBoolean(emptied);
            out.writeLong(deadline);
            out.writeBoolean(step != null);
            if (step != null) {
                KeySpaceStep.write(out, step);
            }
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            deleted = in.readBoolean();
            emptied = in.readBoolean();
            deadline = in.readLong();
            step = in.readBoolean() ? KeySpaceStep.read(in) : null;
        }

        @Override
        public Outcome process(Map.Entry<Long, GridSession> entry) {
            GridSession session = entry.getValue();
            if (session == null) {
                return null;
            }
            if (deleted) {
                entry.setValue(null);
                return null;
            }
            if (emptied) {
                session.empty();
            }
            if (step != null) {
                step.apply(session.keys());
            }
            session.deadline(deadline);
            entry.setValue(session);
            return null;
        }

        @Override
        public EntryProcessor<Long, GridSession, Outcome> getBackupProcessor() {
            return null;
        }
    }
}
