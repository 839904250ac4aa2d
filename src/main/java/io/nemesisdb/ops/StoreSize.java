package io.nemesisdb.ops;

import io.nemesisdb.protocol.Mode;

/**
 * How much data the server holds, for the gauges. One implementation per mode, as a CDI bean:
 * {@link KvStoreSize} in KV mode; sessions mode provides its own.
 */
public interface StoreSize {

    /** The mode this implementation serves. */
    Mode mode();

    /** The number of sessions; always 0 in KV mode. */
    long sessions();

    /** The number of keys, over all sessions in sessions mode. */
    long keys();
}
