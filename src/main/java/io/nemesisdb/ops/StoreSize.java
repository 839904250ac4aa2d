package io.nemesisdb.ops;

/**
 * How much data the server holds, for the gauges; the server's store provides it. The figures may
 * be slightly stale (a store spread over several processes aggregates and caches them) and may
 * cost a visit of every session: read them for gauges, never per command.
 */
public interface StoreSize {

    /** True when the store keeps sessions (sessions mode), so that their number is worth a gauge. */
    boolean hasSessions();

    /** The number of sessions; always 0 in KV mode. */
    long sessions();

    /** The number of keys, over all sessions in sessions mode. */
    long keys();
}
