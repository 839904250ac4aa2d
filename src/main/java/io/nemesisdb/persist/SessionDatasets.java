package io.nemesisdb.persist;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.nemesisdb.command.CommandContext;
import io.nemesisdb.ops.StoreMetrics;
import io.nemesisdb.protocol.Token;
import io.nemesisdb.session.Expiry;
import io.nemesisdb.session.RestoredSession;
import io.nemesisdb.session.SessionSnapshot;
import io.nemesisdb.session.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;

/**
 * Saving and loading sessions mode's sessions through the {@link SessionStore}'s snapshot and
 * restore. A load reads, parses and checks the whole dataset before the first session is
 * restored, so a corrupt dataset restores nothing.
 */
@ApplicationScoped
public class SessionDatasets {

    /** What a load restored. */
    public record Restored(int sessions, long keys) {
    }

    @Inject
    SessionStore store;

    @Inject
    SaveRunner saves;

    @Inject
    StoreMetrics metrics;

    /** Runs {@code SH_SAVE}: all sessions, or those of {@code tkns} (unknown tokens skipped). */
    void save(CommandContext context) {
        JsonArray items = context.body().getJsonArray("tkns");
        List<Long> tokens = null;
        if (items != null) {
            tokens = new ArrayList<>(items.size());
            for (JsonValue item : items) {
                tokens.add(Token.parse(item)); // every item is a token: checked with the parameters
            }
        }
        List<Long> chosen = tokens;
        saves.save(context, () -> new SessionsSnapshot(toSaved(chosen == null ? store.snapshotAll() : store.snapshot(chosen))));
    }

    /**
     * Restores dataset {@code name} from {@code root}; sessions whose token exists are skipped and
     * left as they are.
     */
    public Restored load(Path root, SaveName name, int maxDepth) throws DatasetException {
        return load(root, name, maxDepth, LoadProgress.NONE);
    }

    /** As {@link #load(Path, SaveName, int)}, counting what it reads in {@code progress}. */
    public Restored load(Path root, SaveName name, int maxDepth, LoadProgress progress) throws DatasetException {
        return metrics.timeLoad(() -> restore(root, name, maxDepth, progress));
    }

    /** Every session as a snapshot, for the final save. */
    Snapshot snapshotAll() {
        return new SessionsSnapshot(toSaved(store.snapshotAll()));
    }

    private Restored restore(Path root, SaveName name, int maxDepth, LoadProgress progress) throws DatasetException {
        List<SavedSession> saved = new DatasetReader(new DatasetLayout(root), maxDepth, progress).readSessions(name);
        List<RestoredSession> toRestore = new ArrayList<>(saved.size());
        Set<Long> seen = new HashSet<>();
        long keys = 0;
        for (SavedSession session : saved) {
            if (session.durationSeconds() > Expiry.MAX_DURATION_SECONDS) {
                throw new DatasetException("dataset '" + name + "': session " + Long.toUnsignedString(session.token())
                        + " has an expiry duration beyond " + Expiry.MAX_DURATION_SECONDS + " s");
            }
            if (!seen.add(session.token())) {
                throw new DatasetException("dataset '" + name + "' holds session " + Long.toUnsignedString(session.token()) + " twice");
            }
            if (store.exists(session.token())) {
                continue;
            }
            toRestore.add(new RestoredSession(session.token(), session.shared(), session.name(),
                    new Expiry(session.durationSeconds(), session.deleteSession()), session.keys(), session.values()));
            keys += session.keyCount();
        }
        int restored = store.restore(toRestore);
        return new Restored(restored, keys);
    }

    private static List<SavedSession> toSaved(List<SessionSnapshot> snapshots) {
        List<SavedSession> saved = new ArrayList<>(snapshots.size());
        for (SessionSnapshot snapshot : snapshots) {
            Map<String, JsonValue> keys = snapshot.keys();
            String[] names = new String[keys.size()];
            JsonValue[] values = new JsonValue[keys.size()];
            int i = 0;
            for (Map.Entry<String, JsonValue> entry : keys.entrySet()) {
                names[i] = entry.getKey();
                values[i++] = entry.getValue();
            }
            saved.add(new SavedSession(snapshot.token(), snapshot.shared(), snapshot.name(), snapshot.expiry().durationSeconds(),
                    snapshot.expiry().deleteSession(), names, values));
        }
        return saved;
    }
}
