package io.nemesisdb.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.nemesisdb.json.LiteralNumber;
import io.nemesisdb.support.CollidingNames;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DenseKeyTable} against a model of 0.6.4's dense vector (an array list where a removal
 * moves the last key into the hole), below and above the size where it starts indexing, and with
 * names of one {@code String.hashCode}.
 */
class DenseKeyTableTest {

    /** The model: 0.6.4's order, with lookups by scanning. */
    private static final class Model {
        final List<String> keys = new ArrayList<>();

        boolean add(String key) {
            if (keys.contains(key)) {
                return false;
            }
            keys.add(key);
            return true;
        }

        boolean remove(String key) {
            int at = keys.indexOf(key);
            if (at < 0) {
                return false;
            }
            String last = keys.remove(keys.size() - 1);
            if (at < keys.size()) {
                keys.set(at, last);
            }
            return true;
        }
    }

    @Test
    void newKeysGoLastAndARemovalMovesTheLastKeyIntoTheHole() {
        DenseKeyTable table = new DenseKeyTable();
        for (String key : List.of("a", "b", "c", "d")) {
            assertTrue(add(table, key, 1));
        }
        assertFalse(add(table, "b", 2), "an overwrite keeps the key's place");
        assertEquals("2", DenseEntry.value(table.find(DenseEntry.keyBytes("b"))).toString());
        assertTrue(remove(table, "b"));
        assertArrayEquals(new String[] {"a", "d", "c"}, table.keyNames());
        assertTrue(remove(table, "c"));
        assertFalse(remove(table, "c"));
        assertTrue(add(table, "b", 3));
        assertArrayEquals(new String[] {"a", "d", "b"}, table.keyNames());
        table.clearEntries();
        assertEquals(0, table.size());
        assertTrue(add(table, "z", 4));
        assertArrayEquals(new String[] {"z"}, table.keyNames());
    }

    @Test
    void replaceOverwritesOnlyAStoredKey() {
        DenseKeyTable table = new DenseKeyTable(2);
        byte[] a = DenseEntry.keyBytes("a");
        assertFalse(table.replace(a, DenseEntry.of(a, JsonValue.TRUE)));
        assertNull(table.find(a));
        table.put(a, DenseEntry.of(a, JsonValue.TRUE));
        assertTrue(table.replace(a, DenseEntry.of(a, JsonValue.FALSE)));
        assertEquals(JsonValue.FALSE, DenseEntry.value(table.find(a)));
        assertEquals(1, table.size());
    }

    @Test
    void aSmallTableHoldsObjectsAndArraysBesideScalarsAndGrows() {
        DenseKeyTable table = new DenseKeyTable(2);
        List<JsonValue> values = List.of(JsonValue.EMPTY_JSON_OBJECT, JsonValue.EMPTY_JSON_ARRAY, JsonValue.NULL,
                Json.createObjectBuilder().add("x", 1).build());
        for (int i = 0; i < 20; i++) {
            byte[] key = DenseEntry.keyBytes("k" + i);
            assertNull(table.put(key, DenseEntry.of(key, values.get(i % values.size()))));
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(values.get(i % values.size()), DenseEntry.value(table.find(DenseEntry.keyBytes("k" + i))));
        }
    }

    @ParameterizedTest(name = "{0} names")
    @ValueSource(ints = {5, DenseKeyTable.SCANNED, DenseKeyTable.SCANNED + 1, 40, 3000})
    void followsTheModelThroughRandomAddsAndRemovals(int names) {
        Random random = new Random(names);
        DenseKeyTable table = new DenseKeyTable();
        Model model = new Model();
        for (int step = 0; step < 40_000; step++) {
            String key = "k" + random.nextInt(names);
            if (random.nextInt(100) < 55) {
                assertEquals(model.add(key), add(table, key, step), key);
            } else {
                assertEquals(model.remove(key), remove(table, key), key);
            }
            if (step % 997 == 0) {
                assertArrayEquals(model.keys.toArray(), table.keyNames(), "after step " + step);
            }
            if (step == 20_000) {
                table.clearEntries();
                model.keys.clear();
            }
        }
        assertArrayEquals(model.keys.toArray(), table.keyNames());
        for (String key : model.keys) {
            assertTrue(table.find(DenseEntry.keyBytes(key)) != null, key);
        }
    }

    @Test
    void namesOfOneHashCodeKeepTheirOrder() {
        List<String> names = CollidingNames.sameHashCode(4096);
        DenseKeyTable table = new DenseKeyTable();
        Model model = new Model();
        for (String name : names) {
            assertTrue(add(table, name, 0));
            model.add(name);
        }
        for (int i = 0; i < names.size(); i += 3) {
            assertTrue(remove(table, names.get(i)));
            model.remove(names.get(i));
        }
        assertArrayEquals(model.keys.toArray(), table.keyNames());
    }

    @Test
    void theHashDependsOnEveryByteAndTheLength() {
        assertNotEquals(hash(""), hash("\u0000"));
        assertNotEquals(hash("abcdefgh"), hash("abcdefgh\u0000"));
        assertNotEquals(hash("abcdefghijklmnop"), hash("abcdefghijklmnoq"));
        assertNotEquals(hash("abcdefgh"), hash("abcdefgi"));
        assertEquals(hash("same"), hash(new String("same")));
        byte[] framed = "xxsamexx".getBytes(StandardCharsets.US_ASCII);
        assertEquals(hash("same"), DenseKeyTable.hash(framed, 2, 6));
    }

    private static int hash(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return DenseKeyTable.hash(bytes, 0, bytes.length);
    }

    /** Stores {@code key} = {@code value}; true when the key was new. */
    private static boolean add(DenseKeyTable table, String key, int value) {
        byte[] name = DenseEntry.keyBytes(key);
        return table.put(name, DenseEntry.of(name, LiteralNumber.of(Integer.toString(value)))) == null;
    }

    private static boolean remove(DenseKeyTable table, String key) {
        return table.remove(DenseEntry.keyBytes(key)) != null;
    }
}
