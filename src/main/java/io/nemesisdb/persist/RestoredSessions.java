package io.nemesisdb.persist;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.nemesisdb.session.Expiry;

/** The checks a sessions-mode dataset passes, whole, before any of its sessions is restored. */
public final class RestoredSessions {

    private RestoredSessions() {
    }

    /** Rejects a dataset holding a session twice, or one whose expiry duration cannot be kept. */
    public static void check(List<SavedSession> saved, SaveName name) throws DatasetException {
        Set<Long> seen = new HashSet<>();
        for (SavedSession session : saved) {
            if (session.durationSeconds() > Expiry.MAX_DURATION_SECONDS) {
                throw new DatasetException("dataset '" + name + "': session " + Long.toUnsignedString(session.token())
                        + " has an expiry duration beyond " + Expiry.MAX_DURATION_SECONDS + " s");
            }
            if (!seen.add(session.token())) {
                throw new DatasetException("dataset '" + name + "' holds session " + Long.toUnsignedString(session.token()) + " twice");
            }
        }
    }
}
