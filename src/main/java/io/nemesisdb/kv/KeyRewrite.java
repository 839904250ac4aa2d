package io.nemesisdb.kv;

import java.util.function.Function;

import io.nemesisdb.protocol.Status;
import jakarta.json.JsonValue;

/**
 * Changes the value of one key atomically with respect to every other command on the key space.
 * The new value is computed from the current one without holding the key space's lock (it may
 * take a while: a JSONPath filter over a large value), then committed under the write lock only
 * if no other command replaced the value meanwhile; otherwise it is computed again. After a few
 * lost races the computation runs under the write lock itself, so a busy key cannot starve it.
 */
public final class KeyRewrite {

    private static final int OPTIMISTIC_ATTEMPTS = 4;

    /** What an edit of a value decided: the new value, or why the command fails. */
    public sealed interface Edit {

        /** Store {@code value} (nothing is written when it is the current value itself); {@code count} is reported. */
        record Replace(JsonValue value, int count) implements Edit {
        }

        /** Change nothing and reply {@code status}. */
        record Reject(Status status, String message) implements Edit {
        }
    }

    private KeyRewrite() {
    }

    /** Applies {@code edit} to the value of {@code key}; a missing key is rejected with 22 (KeyNotExist). */
    public static Edit apply(KeySpaceOperations keySpace, String key, Function<JsonValue, Edit> edit) {
        for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
            JsonValue current = keySpace.get(key);
            Edit decision = current == null ? keyAbsent(key) : edit.apply(current);
            if (!(decision instanceof Edit.Replace replace) || replace.value() == current) {
                return decision;
            }
            boolean committed = keySpace.write(map -> {
                if (map.get(key) != current) {
                    return false;
                }
                map.put(key, replace.value());
                return true;
            });
            if (committed) {
                return decision;
            }
        }
        return keySpace.write(map -> {
            JsonValue current = map.get(key);
            Edit decision = current == null ? keyAbsent(key) : edit.apply(current);
            if (decision instanceof Edit.Replace replace) {
                map.put(key, replace.value());
            }
            return decision;
        });
    }

    /** The rejection of an edit of {@code key}, which does not exist: 22. */
    public static Edit keyAbsent(String key) {
        return new Edit.Reject(Status.KEY_NOT_EXIST, "key '" + key + "' does not exist");
    }
}
