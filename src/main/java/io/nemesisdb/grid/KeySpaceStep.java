package io.nemesisdb.grid;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.nemesisdb.kv.KeySpaceOperations;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;

import io.nemesisdb.kv.KeySpace;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * One operation of {@link KeySpaceOperations}, shipped to the owner of a session and run there on its keys
 * (and again on the backup when it {@link #changes() changes} them). Values travel as JSON text;
 * steps are written field by field ({@link #write}), results are types Hazelcast serializes
 * itself (strings, string arrays, lists of strings, numbers, booleans). Each is a deterministic function of the keys and of its fields.
 */
sealed interface KeySpaceStep extends Serializable {

    /** Runs the operation on {@code keys}; the result travels back to the caller. */
    Serializable apply(KeySpace keys);

    /** False for reads, which the backup need not run again. */
    default boolean changes() {
        return true;
    }

    /** A step that only reads. */
    sealed interface Read extends KeySpaceStep {
        @Override
        default boolean changes() {
            return false;
        }
    }

    record Get(String key) implements Read {
        @Override
        public Serializable apply(KeySpace keys) {
            return GridJson.text(keys.get(key));
        }
    }

    record GetAll(ArrayList<String> names) implements Read {
        @Override
        public Serializable apply(KeySpace keys) {
            JsonValue[] values = keys.getAll(names);
            String[] texts = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                texts[i] = GridJson.text(values[i]);
            }
            return texts;
        }
    }

    record Count() implements Read {
        @Override
        public Serializable apply(KeySpace keys) {
            return keys.count();
        }
    }

    record Keys() implements Read {
        @Override
        public Serializable apply(KeySpace keys) {
            return new ArrayList<>(keys.keys());
        }
    }

    /** The whole content in 0.6.4's order: names and value texts alternating. */
    record Content() implements Read {
        @Override
        public Serializable apply(KeySpace keys) {
            return keys.read(map -> {
                String[] pairs = new String[map.size() * 2];
                int[] next = {0};
                map.forEach((key, value) -> {
                    pairs[next[0]++] = key;
                    pairs[next[0]++] = GridJson.text(value);
                });
                return pairs;
            });
        }
    }

    record SetAll(String members) implements KeySpaceStep {
        @Override
        public Serializable apply(KeySpace keys) {
            keys.setAll((JsonObject) GridJson.value(members));
            return null;
        }
    }

    record AddAbsent(String members) implements KeySpaceStep {
        @Override
        public Serializable apply(KeySpace keys) {
            keys.addAbsent((JsonObject) GridJson.value(members));
            return null;
        }
    }

    record RemoveAll(ArrayList<String> names) implements KeySpaceStep {
        @Override
        public Serializable apply(KeySpace keys) {
            keys.removeAll(names);
            return null;
        }
    }

    record Clear() implements KeySpaceStep {
        @Override
        public Serializable apply(KeySpace keys) {
            return keys.clear();
        }
    }

    record ReplaceAll(String members) implements KeySpaceStep {
        @Override
        public Serializable apply(KeySpace keys) {
            return keys.replaceAll((JsonObject) GridJson.value(members));
        }
    }

    /** Stores {@code replacement} as the value of {@code key} only if its value is still {@code expected} (as text). */
    record CompareAndSet(String key, String expected, String replacement) implements KeySpaceStep {
        @Override
        public Serializable apply(KeySpace keys) {
            return keys.write(map -> {
                if (!expected.equals(GridJson.text(map.get(key)))) {
                    return false;
                }
                map.put(key, GridJson.value(replacement));
                return true;
            });
        }
    }

    record Write(KeySpaceOperations.Writer<?> writer) implements KeySpaceStep {
        @Override
        public Serializable apply(KeySpace keys) {
            return (Serializable) keys.write(writer);
        }
    }

    /** Writes {@code step} for Hazelcast: a kind, then its fields. */
    static void write(ObjectDataOutput out, KeySpaceStep step) throws IOException {
        out.writeString(step.getClass().getSimpleName());
        switch (step) {
            case Get get -> out.writeString(get.key());
            case GetAll getAll -> out.writeStringArray(getAll.names().toArray(String[]::new));
            case SetAll setAll -> out.writeString(setAll.members());
            case AddAbsent addAbsent -> out.writeString(addAbsent.members());
            case RemoveAll removeAll -> out.writeStringArray(removeAll.names().toArray(String[]::new));
            case ReplaceAll replaceAll -> out.writeString(replaceAll.members());
            case CompareAndSet cas -> {
                out.writeString(cas.key());
                out.writeString(cas.expected());
                out.writeString(cas.replacement());
            }
            // by Java serialization: the JVM's deserialization filter must allow the writer's classes
            case Write write -> out.writeObject(write.writer());
            case Count count -> { }
            case Keys keys -> { }
            case Content content -> { }
            case Clear clear -> { }
        }
    }

    /** Reads a step that {@link #write} wrote. */
    static KeySpaceStep read(ObjectDataInput in) throws IOException {
        String kind = in.readString();
        return switch (kind) {
            case "Get" -> new Get(in.readString());
            case "GetAll" -> new GetAll(new ArrayList<>(Arrays.asList(in.readStringArray())));
            case "Count" -> new Count();
            case "Keys" -> new Keys();
            case "Content" -> new Content();
            case "SetAll" -> new SetAll(in.readString());
            case "AddAbsent" -> new AddAbsent(in.readString());
            case "RemoveAll" -> new RemoveAll(new ArrayList<>(Arrays.asList(in.readStringArray())));
            case "Clear" -> new Clear();
            case "ReplaceAll" -> new ReplaceAll(in.readString());
            case "CompareAndSet" -> new CompareAndSet(in.readString(), in.readString(), in.readString());
            case "Write" -> new Write(in.readObject());
            default -> throw new IOException("unknown key-space step " + kind);
        };
    }

    static ArrayList<String> list(List<String> names) {
        return names instanceof ArrayList<String> list ? list : new ArrayList<>(names);
    }
}
