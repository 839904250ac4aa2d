package io.nemesisdb.persist;

import io.nemesisdb.json.JsonText;
import jakarta.json.JsonValue;

/**
 * One session as a sessions-mode data file holds it: token, sharing, a shared session's name,
 * expiry settings and keys. Written as
 * {@code {"sh":{"tkn":T,"shared":b,"name":N,"expiry":{"duration":D,"deleteSession":b}},"keys":{…}}},
 * {@code "name"} only when known: 0.6.4 writes no name and ignores it when loading.
 *
 * @param token the unsigned 64-bit token
 * @param name  a shared session's name, or {@code null} (not shared, or name unknown)
 * @param durationSeconds seconds of idleness before expiry; 0 means never
 */
public record SavedSession(long token, boolean shared, String name, long durationSeconds, boolean deleteSession,
                    String[] keys, JsonValue[] values) {

    public int keyCount() {
        return keys.length;
    }

    /** Appends the session as one entry of a sessions-mode data file. */
    void appendJson(JsonText out) {
        out.ascii("{\"sh\":{\"tkn\":").unsigned(token)
                .ascii(",\"shared\":").bool(shared);
        if (name != null) {
            out.ascii(",\"name\":").string(name);
        }
        out.ascii(",\"expiry\":{\"duration\":").number(durationSeconds)
                .ascii(",\"deleteSession\":").bool(deleteSession)
                .ascii("}},\"keys\":{");
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                out.ascii(',');
            }
            out.string(keys[i]).ascii(':').value(values[i]);
        }
        out.ascii("}}");
    }
}
