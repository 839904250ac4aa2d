package io.nemesisdb.store;

import java.util.Locale;

/**
 * What a load added: the keys, and in sessions mode the sessions they belong to.
 *
 * @param sessions the sessions restored, or -1 for a store without sessions
 */
public record Restored(long sessions, long keys) {

    public static Restored keys(long keys) {
        return new Restored(-1, keys);
    }

    /** What was loaded, for the log. */
    public String summary() {
        return sessions < 0 ? String.format(Locale.ROOT, "%,d keys", keys)
                : String.format(Locale.ROOT, "%,d sessions, %,d keys", sessions, keys);
    }
}
