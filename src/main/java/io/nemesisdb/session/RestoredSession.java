package io.nemesisdb.session;

import jakarta.json.JsonValue;

/**
 * A session read from a dataset, for {@link SessionStore#restore}: its keys as the data file
 * listed them, {@code keys[i]} holding {@code values[i]}, so that a load copies them once, into
 * the session's key space (a key listed twice keeps its last value).
 *
 * @param token  the session's token (unsigned 64-bit)
 * @param shared whether it is a shared session
 * @param name   a shared session's name when the dataset keeps it; {@code null} otherwise (datasets
 *               of 0.6.4 and older builds keep no names)
 * @param expiry its expiry settings
 */
public record RestoredSession(long token, boolean shared, String name, Expiry expiry, String[] keys, JsonValue[] values) {

    public RestoredSession {
        if (keys.length != values.length) {
            throw new IllegalArgumentException(keys.length + " keys but " + values.length + " values");
        }
    }
}
