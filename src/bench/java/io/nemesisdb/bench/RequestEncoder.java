package io.nemesisdb.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes request messages into a reusable byte array without building strings:
 * {@code KV_GET} and {@code KV_SET}/{@code KV_SETQ} of key {@code "k<n>"}, {@code KV_COUNT}, and a
 * {@code KV_SETQ} of a run of keys for filling the store. In sessions mode every request carries
 * the connection's token.
 */
final class RequestEncoder {

    private final byte[] tokenMember;
    private final byte[] value;
    private byte[] buffer = new byte[256];
    private int length;

    /** @param token the session token, or {@code null} in KV mode */
    RequestEncoder(String token, int valueSize) {
        this.tokenMember = token == null ? new byte[0] : ascii("\"tkn\":" + token + ",");
        byte[] v = new byte[valueSize];
        Arrays.fill(v, (byte) 'v');
        this.value = v;
    }

    byte[] bytes() {
        return buffer;
    }

    int length() {
        return length;
    }

    RequestEncoder get(int key) {
        start("KV_GET").append("\"keys\":[\"k").number(key).append("\"]}}");
        return this;
    }

    RequestEncoder set(String command, int key) {
        start(command).append("\"keys\":{");
        member(key);
        append("}}}");
        return this;
    }

    RequestEncoder count() {
        start("KV_COUNT");
        if (tokenMember.length > 0) {
            length--; // the comma after the token
        }
        append("}}");
        return this;
    }

    /** A {@code KV_SETQ} of the keys {@code from} (inclusive) to {@code to} (exclusive). */
    RequestEncoder setRange(int from, int to) {
        start("KV_SETQ").append("\"keys\":{");
        for (int key = from; key < to; key++) {
            if (key > from) {
                append(",");
            }
            member(key);
        }
        append("}}}");
        return this;
    }

    private RequestEncoder start(String command) {
        length = 0;
        append("{\"").append(command).append("\":{");
        put(tokenMember);
        return this;
    }

    private void member(int key) {
        append("\"k").number(key).append("\":\"");
        put(value);
        append("\"");
    }

    private RequestEncoder append(String ascii) {
        ensure(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            buffer[length++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private RequestEncoder number(int n) {
        ensure(11);
        if (n == 0) {
            buffer[length++] = '0';
            return this;
        }
        int digits = 0;
        for (int v = n; v > 0; v /= 10) {
            digits++;
        }
        for (int i = length + digits - 1, v = n; v > 0; v /= 10, i--) {
            buffer[i] = (byte) ('0' + v % 10);
        }
        length += digits;
        return this;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(length + more, buffer.length * 2));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
