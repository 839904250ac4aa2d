package io.nemesisdb.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.nemesisdb.support.CollidingNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link KeyOrder} against a model of 0.6.4's dense vector (an array list where a removal moves
 * the last key into the hole), below and above the size where it starts indexing, and with names
 * of one {@code String.hashCode}.
 */
class KeyOrderTest {

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
        KeyOrder order = new KeyOrder();
        for (String key : List.of("a", "b", "c", "d")) {
            assertTrue(order.add(key));
        }
        assertFalse(order.add("b"), "an overwrite keeps the key's place");
        assertTrue(order.remove("b"));
        assertArrayEquals(new String[] {"a", "d", "c"}, order.toArray());
        assertTrue(order.remove("c"));
        assertFalse(order.remove("c"));
        assertTrue(order.add("b"));
        assertArrayEquals(new String[] {"a", "d", "b"}, order.toArray());
        order.clear();
        assertEquals(0, order.size());
        assertTrue(order.add("z"));
        assertArrayEquals(new String[] {"z"}, order.toArray());
    }

    @ParameterizedTest(name = "{0} names")
    @ValueSource(ints = {5, KeyOrder.SCANNED, KeyOrder.SCANNED + 1, 40, 3000})
    void followsTheModelThroughRandomAddsAndRemovals(int names) {
        Random random = new Random(names);
        KeyOrder order = new KeyOrder();
        Model model = new Model();
        for (int step = 0; step < 40_000; step++) {
            String key = "k" + random.nextInt(names);
            if (random.nextInt(100) < 55) {
                assertEquals(model.add(key), order.add(key), key);
            } else {
                assertEquals(model.remove(key), order.remove(key), key);
            }
            if (step % 997 == 0) {
                assertArrayEquals(model.keys.toArray(), order.toArray(), "after step " + step);
            }
            if (step == 20_000) {
                order.clear();
                model.keys.clear();
            }
        }
        assertArrayEquals(model.keys.toArray(), order.toArray());
    }

    @Test
    void namesOfOneHashCodeKeepTheirOrder() {
        List<String> names = CollidingNames.sameHashCode(4096);
        KeyOrder order = new KeyOrder();
        Model model = new Model();
        for (String name : names) {
            assertTrue(order.add(name));
            model.add(name);
        }
        for (int i = 0; i < names.size(); i += 3) {
            assertTrue(order.remove(names.get(i)));
            model.remove(names.get(i));
        }
        assertArrayEquals(model.keys.toArray(), order.toArray());
    }

    @Test
    void theHashDependsOnEveryCodeUnitAndTheLength() {
        assertTrue(KeyOrder.hash("") != KeyOrder.hash("\u0000"));
        assertTrue(KeyOrder.hash("abcd") != KeyOrder.hash("abcd\u0000"));
        assertTrue(KeyOrder.hash("abcdefgh") != KeyOrder.hash("abcdefgi"));
        assertEquals(KeyOrder.hash("same"), KeyOrder.hash(new String("same")));
    }
}
