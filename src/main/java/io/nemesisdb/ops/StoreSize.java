package io.nemesisdb.ops;

/** How much data the server holds, for the gauges; the server's store provides it. */
public interface StoreSize {

    /** True when the store keeps sessions (sessions mode), so that their number is worth a gauge. */
    boolean hasSessions();

    /** The number of sessions; always 0 in KV mode. */
    long sessions();

    /** The number of keys, over all sessions in sessions mode. */
    long keys();
}
