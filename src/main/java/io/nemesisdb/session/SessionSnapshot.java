package io.nemesisdb.session;

import java.util.Map;

import io.nemesisdb.json.CompactObject;
import jakarta.json.JsonValue;

/**
 * One session as it was at one instant, for saving.
 *
 * @param token   the session's token (unsigned 64-bit)
 * @param shared  whether it is a shared session
 * @param name    the name of a shared session; {@code null} for sessions that are not shared and
 *                for shared sessions restored from a dataset that kept no name (0.6.4's)
 * @param expiry  its expiry settings
 * @param keys    its keys, an immutable copy
 */
public record SessionSnapshot(long token, boolean shared, String name, Expiry expiry, Map<String, JsonValue> keys) {

    public SessionSnapshot {
        // a CompactObject, not Map.copyOf: the latter's table has no defence against names of one hash code
        CompactObject.Builder copy = new CompactObject.Builder();
        keys.forEach(copy::add);
        keys = copy.build();
    }
}
