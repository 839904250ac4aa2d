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
    void appendJson(StringBuilder out) {
        out.append("{\"sh\":{\"tkn\":").append(Long.toUnsignedString(token))
                .append(",\"shared\":").append(shared)
                .append(",\"expiry\":{\"duration\":").append(durationSeconds)
                .append(",\"deleteSession\":").append(deleteSession)
                .append("}},\"keys\":{");
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            JsonText.appendString(out, keys[i]);
            out.append(':');
            JsonText.appendValue(out, values[i]);
        }
        out.append("}}");
    }
}
