package io.nemesisdb.grid;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import io.nemesisdb.command.CommandContext;
import io.nemesisdb.kv.KeySpaceOperations;
import io.nemesisdb.persist.BatchedSnapshot;
import io.nemesisdb.persist.DatasetException;
import io.nemesisdb.persist.DatasetReader;
import io.nemesisdb.persist.RestoredSessions;
import io.nemesisdb.persist.SaveName;
import io.nemesisdb.persist.SavedSession;
import io.nemesisdb.persist.SessionsSnapshot;
import io.nemesisdb.persist.Snapshot;
import io.nemesisdb.protocol.Mode;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.session.Expiry;
import io.nemesisdb.session.SessionSnapshot;
import io.nemesisdb.session.Sessions;
import io.nemesisdb.session.SharedToken;
import io.nemesisdb.store.Restored;
import io.nemesisdb.store.Store;

/**
 * Sessions mode on a Hazelcast cluster (cluster.md 5.2): map {@value #MAP} holds each session,
 * header and keys, as one entry of its token, so a session lives in one partition with its
 * synchronous backups, and every command on it is one entry processor on the owner: atomic and
 * isolated as on one server. Expiry is a deadline checked by every call against the owner's clock,
 * so it is exact whichever member a client uses; {@link #sweepExpired()} only frees the memory of
 * the sessions this member owns. Each expiry is counted once, by the member that applied it (its
 * sweep, or a command it ran that found the session's time up). Whole-cluster commands ({@code SH_INFO_ALL}, {@code SH_END_ALL},
 * saves) act session by session. Every call blocks on the network: {@link #blocks()}.
 */
public final class GridSessionsStore implements Store, Sessions {

    /** The map of sessions by token. */
    public static final String MAP = "nemesis-sessions";
    /** Sessions copied per call while a save runs: what the saving member holds at once. */
    static final int SNAPSHOT_BATCH = 256;
    /** How long the sizes of the gauges may be reused: each is a visit of every session. */
    private static final long SIZE_MAX_AGE_MILLIS = 2_000;

    private final HazelcastInstance member;
    private final IMap<Long, GridSession> sessions;
    private final IntConsumer expired;
    private final LongSupplier randomLongs;
    private volatile SizeReading size = new SizeReading(new Totals(0, 0), Long.MIN_VALUE);

    private record SizeReading(Totals totals, long readAtMillis) {
    }

    /**
     * Over the member {@code hazelcast}, whose configuration went through {@link #configure};
     * {@code expired} is told how many sessions expired each time this member applies expiries.
     */
    public GridSessionsStore(HazelcastInstance hazelcast, IntConsumer expired) {
        this(hazelcast, expired, new SecureRandom()::nextLong);
    }

    GridSessionsStore(HazelcastInstance hazelcast, IntConsumer expired, LongSupplier randomLongs) {
        this.member = hazelcast;
        this.sessions = hazelcast.getMap(MAP);
        this.expired = expired;
        this.randomLongs = randomLongs;
    }

    /**
     * Adds the sessions map to a member's configuration: values kept as objects (an entry
     * processor changes a session in place, and the backup replays the change), {@code backups}
     * synchronous backups.
     */
    public static Config configure(Config config, int backups) {
        config.getMapConfig(MAP).setInMemoryFormat(InMemoryFormat.OBJECT).setBackupCount(backups).setAsyncBackupCount(0);
        return config;
    }

    @Override
    public Mode mode() {
        return Mode.SESSIONS;
    }

    @Override
    public boolean blocks() {
        return true;
    }

    /** A handle on the session of the request's token: no call yet; each operation is one. */
    @Override
    public KeySpaceOperations find(CommandContext context) {
        return new GridKeySpace(sessions, context.token(), expired);
    }

    @Override
    public void replyClosed(CommandContext context) {
        context.fail(Status.SESSION_NOT_EXIST, "no session with this token");
    }

    @Override
    public long createPrivate(Expiry expiry) {
        while (true) {
            long token = randomLongs.getAsLong();
            // never 0, and never a token that a shared session's name could produce
            if (token != 0 && !SharedToken.hasSharedForm(token)
                    && sessions.executeOnKey(token, new SessionCalls.Create(false, null, expiry)) == SessionCalls.Create.CREATED) {
                return token;
            }
        }
    }

    @Override
    public NewShared createShared(String name, Expiry expiry) {
        long token = SharedToken.of(name);
        int found = sessions.executeOnKey(token, new SessionCalls.Create(true, name, expiry));
        return found == SessionCalls.Create.CREATED ? new NewShared(token, false)
                : new NewShared(null, found == SessionCalls.Create.NAME_IN_USE);
    }

    @Override
    public Long findShared(String name) {
        long token = SharedToken.of(name);
        SessionCalls.Seen seen = sessions.executeOnKey(token, new SessionCalls.Look());
        return seen != null && seen.answersTo(name) ? token : null;
    }

    @Override
    public Info info(long token) {
        SessionCalls.Seen seen = sessions.executeOnKey(token, new SessionCalls.Look());
        return seen == null ? null : new Info(token, seen.shared(), seen.keyCount(), seen.expiry(), seen.remainingSeconds());
    }

    @Override
    public boolean exists(long token) {
        return sessions.executeOnKey(token, new SessionCalls.Look()) != null;
    }

    @Override
    public boolean end(long token) {
        return sessions.executeOnKey(token, new SessionCalls.End());
    }

    @Override
    public int endAll() {
        int ended = 0;
        for (Boolean live : sessions.executeOnEntries(new SessionCalls.EndAll()).values()) {
            if (Boolean.TRUE.equals(live)) {
                ended++;
            }
        }
        return ended;
    }

    @Override
    public Totals totals() {
        long count = 0;
        long keys = 0;
        for (SessionCalls.Seen seen : sessions.executeOnEntries(new SessionCalls.Look()).values()) {
            if (seen != null) {
                count++;
                keys += seen.keyCount();
            }
        }
        return new Totals(count, keys);
    }

    @Override
    public boolean hasSessions() {
        return true;
    }

    @Override
    public long sessions() {
        return recentTotals().sessions();
    }

    @Override
    public long keys() {
        return recentTotals().keys();
    }

    /**
     * The totals of the last {@link #SIZE_MAX_AGE_MILLIS}, so that two gauges read together cost one
     * visit; once this member has left the cluster, the last ones it read.
     */
    private Totals recentTotals() {
        SizeReading last = size;
        long now = System.currentTimeMillis();
        if (now - last.readAtMillis() < SIZE_MAX_AGE_MILLIS || !member.getLifecycleService().isRunning()) {
            return last.totals();
        }
        SizeReading fresh = new SizeReading(totals(), now);
        size = fresh;
        return fresh.totals();
    }

    /** Every session of the cluster, copied {@link #SNAPSHOT_BATCH} at a time while the save writes. */
    @Override
    public Snapshot snapshot() {
        return snapshot(new ArrayList<>(sessions.keySet()));
    }

    @Override
    public Snapshot snapshot(List<Long> tokens) {
        List<Long> distinct = new ArrayList<>(new LinkedHashSet<>(tokens));
        return BatchedSnapshot.ofSessions(Batches.of(distinct, SNAPSHOT_BATCH, this::copies));
    }

    private SessionsSnapshot copies(Set<Long> tokens) {
        Map<Long, GridSession> copied = sessions.executeOnKeys(tokens, new SessionCalls.Copy());
        List<SessionSnapshot> copies = new ArrayList<>(copied.size());
        copied.forEach((token, session) -> {
            if (session != null) {
                copies.add(session.keys().read(keys ->
                        new SessionSnapshot(token, session.shared(), session.name(), session.expiry(), keys)));
            }
        });
        return SessionsSnapshot.of(copies);
    }

    /** Checks the whole dataset first, then adds each session whose token no live session holds. */
    @Override
    public Restored restore(DatasetReader reader, SaveName name) throws DatasetException {
        List<SavedSession> saved = reader.readSessions(name);
        RestoredSessions.check(saved, name);
        long now = System.currentTimeMillis();
        int restored = 0;
        long keys = 0;
        for (SavedSession session : saved) {
            GridSession restoring = new GridSession(session.shared(), session.name(),
                    new Expiry(session.durationSeconds(), session.deleteSession()), now);
            restoring.keys().write(map -> {
                for (int i = 0; i < session.keys().length; i++) {
                    map.put(session.keys()[i], session.values()[i]);
                }
                return null;
            });
            if (sessions.executeOnKey(session.token(), new SessionCalls.Restore(restoring))) {
                restored++;
                keys += session.keyCount();
            }
        }
        return new Restored(restored, keys);
    }

    @Override
    public boolean expires() {
        return true;
    }

    /**
     * Applies the expiry of the due sessions this member owns (the other members sweep theirs) and
     * counts them; nothing once this member has left the cluster.
     */
    @Override
    public int sweepExpired() {
        if (!member.getLifecycleService().isRunning()) {
            return 0;
        }
        long now = System.currentTimeMillis();
        SessionCalls.Sweep sweep = new SessionCalls.Sweep(now);
        Set<Long> due = sessions.localKeySet(sweep);
        if (due.isEmpty()) {
            return 0;
        }
        int swept = 0;
        for (Boolean applied : sessions.executeOnKeys(due, sweep).values()) {
            if (Boolean.TRUE.equals(applied)) {
                swept++;
            }
        }
        expired.accept(swept);
        return swept;
    }
}
