package io.nemesisdb.session;

/**
 * How a session expires: after {@code durationSeconds} without a {@code KV_} command (0: never),
 * by being deleted ({@code deleteSession}) or by losing its keys and living on.
 */
public record Expiry(long durationSeconds, boolean deleteSession) {

    /** Sessions created without {@code expiry}. */
    public static final Expiry NEVER = new Expiry(0, false);

    /** The longest duration whose nanoseconds still fit in a {@code long} (about 292 years). */
    public static final long MAX_DURATION_SECONDS = Long.MAX_VALUE / 1_000_000_000L;

    public Expiry {
        if (durationSeconds < 0 || durationSeconds > MAX_DURATION_SECONDS) {
            throw new IllegalArgumentException("duration out of range: " + durationSeconds);
        }
    }

    public boolean expires() {
        return durationSeconds != 0;
    }
}
