package io.nemesisdb.client;

/**
 * One session as {@code SH_INFO} describes it.
 *
 * @param expiry its expiry, or null when it never expires
 * @param remainingSeconds whole seconds left before it expires (0 when it never does)
 */
public record SessionInfo(SessionToken token, boolean shared, long keyCount, Expiry expiry, long remainingSeconds) {
}
