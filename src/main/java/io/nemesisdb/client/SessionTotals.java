package io.nemesisdb.client;

/** All sessions and all their keys, as {@code SH_INFO_ALL} counts them. */
public record SessionTotals(long sessions, long keys) {
}
