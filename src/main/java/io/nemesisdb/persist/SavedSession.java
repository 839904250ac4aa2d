package io.nemesisdb.persist;

import io.nemesisdb.protocol.JsonText;
import jakarta.json.JsonValue;

/**
 * One session as a sessions-mode data file holds it: token, sharing, expiry settings and keys.
 * Written as {@code {"sh":{"tkn":T,"shared":b,"expiry":{"duration":D,"deleteSession":b}},"keys":{…}}}.
 *
 * @param token the unsigned 64-bit token
 * @param durationSeconds seconds of idleness before expiry; 0 means never
 */
record SavedSession(long token, boolean shared, long durationSeconds, boolean deleteSession,
                    String[] keys, JsonValue[] values) {

    int keyCount() {
        return keys.length;
    }

    /** Appends the session as one entry of a sessions-mode data file. */
    void appendJson(JsonText out) {
        out.ascii("{\"sh\":{\"tkn\":").unsigned(token)
                .ascii(",\"shared\":").bool(shared)
                .ascii(",\"expiry\":{\"duration\":").number(durationSeconds)
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
