package io.nemesisdb.kv;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The key space a {@code KV_} command works on: keys mapped to immutable JSON values, every
 * operation atomic and isolated. The store hands one out per request ({@code KeySpaceLookup}):
 * {@link KeySpace} when the data is in this process; a store whose data lives elsewhere (a
 * data grid) hands out a key space whose every operation travels to the owner of the data, and
 * in sessions mode counts as a use of the session there (its expiry checked and extended in the
 * same call). So one operation is one step, wherever the data is: a command that needs several
 * steps to be one (a read then a conditional write) uses {@link #rewrite} or {@link #write}.
 *
 * <p>The functions given to {@link #read}, {@link #write} and {@link #rewrite} are what a remote
 * store would have to run where the data is: {@link Reader} and {@link Writer} are
 * {@link Serializable}, and must be deterministic functions of the content and of what they
 * capture (a backup copy may run them again), capturing only serializable values.
 */
public interface KeySpaceOperations {

    /**
     * Thrown by an operation on a key space that no longer exists (a session ended or expired).
     * Without a stack trace: it is an expected outcome of a race with a session's end, caught by
     * the command dispatcher.
     */
    final class Closed extends RuntimeException {
        static final Closed INSTANCE = new Closed();

        private Closed() {
            super("the key space is closed", null, false, false);
        }

        /** The one instance, for key spaces of other packages. */
        public static Closed instance() {
            return INSTANCE;
        }
    }

    /** A read of the whole content; see the class comment for what it may capture. */
    @FunctionalInterface
    interface Reader<R> extends Function<Map<String, JsonValue>, R>, Serializable {
    }

    /** A change of the whole content as one step; see the class comment for what it may capture. */
    @FunctionalInterface
    interface Writer<R> extends Function<Map<String, JsonValue>, R>, Serializable {
    }

    /** The value of {@code key}, or {@code null}. */
    JsonValue get(String key);

    /** Stores every member of {@code keys}, overwriting. */
    void setAll(JsonObject keys);

    /** Stores the members of {@code keys} whose names are not stored yet. */
    void addAbsent(JsonObject keys);

    /** Removes the given keys; absent ones are ignored. */
    void removeAll(List<String> keys);

    /** Removes every key and returns how many there were. */
    int clear();

    /** Replaces the whole content by {@code keys} in one step; returns how many keys were removed. */
    int replaceAll(JsonObject keys);

    /** The number of keys. */
    int count();

    /** The values of {@code keys} as one consistent snapshot, index for index ({@code null} where absent). */
    JsonValue[] getAll(List<String> keys);

    /** All key names in 0.6.4's order, as one consistent snapshot. */
    List<String> keys();

    /**
     * Runs {@code reader} on a consistent view of the content, which iterates in 0.6.4's order.
     * The reader must not keep or modify the map.
     */
    <R> R read(Reader<R> reader);

    /** Runs {@code writer} with exclusive access to the content (in 0.6.4's order), as one atomic step. */
    <R> R write(Writer<R> writer);

    /**
     * Changes the value of {@code key} as {@code edit} decides, atomically with respect to every
     * other command; a missing key is rejected with 22. The edit may run more than once, on the
     * caller's side: it need not be serializable.
     */
    default KeyRewrite.Edit rewrite(String key, Function<JsonValue, KeyRewrite.Edit> edit) {
        return KeyRewrite.apply(this, key, edit);
    }
}
