package io.nemesisdb.client;

/**
 * When a session expires: {@code durationSeconds} after the last {@code KV_} command that reached it
 * (0: never); then it is deleted ({@code deleteSession}) or only emptied.
 */
public record Expiry(long durationSeconds, boolean deleteSession) {

    public Expiry {
        if (durationSeconds < 0) {
            throw new IllegalArgumentException("durationSeconds must not be negative: " + durationSeconds);
        }
    }

    /** Deleted after {@code seconds} without a {@code KV_} command. */
    public static Expiry deleteAfter(long seconds) {
        return new Expiry(seconds, true);
    }

    /** Emptied (its keys removed) after {@code seconds} without a {@code KV_} command. */
    public static Expiry clearAfter(long seconds) {
        return new Expiry(seconds, false);
    }
}
