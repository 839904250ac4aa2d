package io.nemesisdb.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.nemesisdb.support.CollidingNames;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/**
 * The member index of large {@link CompactObject}s: every member found, nothing else found, a
 * repeated name keeping its first place and its last value, whatever the names: random, numbered
 * (nearly consecutive hash codes), of one hash code, or of distinct hash codes that meet in one
 * part of the table.
 */
class CompactObjectIndexTest {

    private static List<String> random(int count, long seed) {
        Random random = new Random(seed);
        List<String> names = new ArrayList<>(count);
        while (names.size() < count) {
            names.add(Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
        }
        return names;
    }

    /**
     * {@code count} random names with distinct hash codes whose home slots, in the table of an
     * object of {@code count} members, all lie in the first 32 slots: found by trying names.
     */
    private static List<String> crowdedHomes(int count) {
        int slots = Integer.highestOneBit(count) << 2;
        int shift = Integer.numberOfLeadingZeros(slots) + 1;
        Random random = new Random(3);
        Map<Integer, String> byHash = new LinkedHashMap<>();
        while (byHash.size() < count) {
            String name = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            int h = name.hashCode();
            if ((h * 0x9E3779B9) >>> shift < 32) {
                byHash.putIfAbsent(h, name);
            }
        }
        return new ArrayList<>(byHash.values());
    }

    private static CompactObject build(List<String> names) {
        CompactObject.Builder builder = new CompactObject.Builder();
        for (int i = 0; i < names.size(); i++) {
            builder.add(names.get(i), new LiteralNumber(Integer.toString(i)));
        }
        return builder.build();
    }

    /** Every member found with its value, the members in order, and names not present not found. */
    private static void assertIndexed(List<String> names, CompactObject object) {
        assertEquals(names.size(), object.size());
        assertEquals(names, new ArrayList<>(object.keySet()));
        for (int i = 0; i < names.size(); i++) {
            String copy = new String(names.get(i).toCharArray());
            assertEquals(Integer.toString(i), object.get(copy).toString(), copy);
            assertTrue(object.containsKey(copy));
        }
        for (String name : names.subList(0, Math.min(names.size(), 1000))) {
            assertNull(object.get(name + "~"));
            assertNull(object.get("~" + name));
            assertFalse(object.containsKey(name + "\u0000"));
        }
        assertNull(object.get(""));
        assertFalse(object.containsKey(42));
    }

    @Test
    void randomAndNumberedNamesKeepTheHashIndex() {
        for (List<String> names : List.of(random(20, 1), random(100_000, 2), CollidingNames.numbered("m", 109_652), CollidingNames.numbered("m", 260_000),
                CollidingNames.numbered("key:", 50_000), CollidingNames.numbered("", 40_000))) {
            CompactObject object = build(names);
            assertFalse(object.hasSortedIndex(), names.get(names.size() - 1));
            assertIndexed(names, object);
        }
    }

    @Test
    void namesOfOneHashCodeGetASortedIndexThatFindsEveryMember() {
        List<String> names = CollidingNames.sameHashCode(1 << 14);
        CompactObject object = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> build(names));
        assertTrue(object.hasSortedIndex());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertIndexed(names, object));
        // names of the same hash code and length that are not members
        for (String absent : CollidingNames.sameHashCode(27_000).subList(names.size(), 27_000)) {
            assertNull(object.get(absent));
        }
    }

    @Test
    void distinctHashCodesCrowdedIntoOneRunOfSlotsGetASortedIndex() {
        List<String> names = crowdedHomes(1024);
        CompactObject object = build(names);
        assertTrue(object.hasSortedIndex());
        assertIndexed(names, object);
    }

    @Test
    void aFewCollidingNamesAmongManyStayHashed() {
        List<String> names = new ArrayList<>(random(1000, 4));
        names.addAll(CollidingNames.sameHashCode(32));
        CompactObject object = build(names);
        assertFalse(object.hasSortedIndex());
        assertIndexed(names, object);
    }

    @Test
    void aRepeatedNameKeepsItsFirstPlaceAndItsLastValueWhicheverIndex() {
        for (List<String> distinct : List.of(CollidingNames.numbered("m", 200), CollidingNames.sameHashCode(256), crowdedHomes(300))) {
            CompactObject.Builder builder = new CompactObject.Builder();
            Map<String, String> expected = new LinkedHashMap<>();
            // every name, then every third name again, then every fifth name a third time
            int added = 0;
            for (int round = 1; round <= 3; round++) {
                int step = round == 1 ? 1 : round == 2 ? 3 : 5;
                for (int i = 0; i < distinct.size(); i += step) {
                    String value = Integer.toString(added++);
                    builder.add(distinct.get(i), new LiteralNumber(value));
                    expected.put(distinct.get(i), value);
                }
            }
            CompactObject object = builder.build();
            assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(object.keySet()));
            expected.forEach((name, value) -> assertEquals(value, object.get(name).toString(), name));
            assertEquals(expected.size(), object.size());
        }
    }

    @Test
    void duplicatesBeforeAndAfterTheSwitchToASortedIndexMergeAsUsual() {
        // duplicates met while still hashing (before the colliding names) and while sorting (after)
        List<String> names = new ArrayList<>(CollidingNames.numbered("n", 50));
        names.addAll(CollidingNames.numbered("n", 50));
        names.addAll(CollidingNames.sameHashCode(1024));
        names.addAll(CollidingNames.numbered("n", 20));
        names.addAll(CollidingNames.sameHashCode(1024).subList(0, 10));
        CompactObject.Builder builder = new CompactObject.Builder();
        Map<String, JsonValue> expected = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            JsonValue value = new LiteralNumber(Integer.toString(i));
            builder.add(names.get(i), value);
            expected.put(names.get(i), value);
        }
        CompactObject object = builder.build();
        assertTrue(object.hasSortedIndex());
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(object.keySet()));
        expected.forEach((name, value) -> assertSame(value, object.get(name), name));
    }

    @Test
    void objectsOfOneShapeShareTheSortedIndex() {
        List<String> names = CollidingNames.sameHashCode(256);
        CompactObject model = build(names);
        CompactObject.Builder builder = new CompactObject.Builder();
        for (String name : names) {
            builder.add(name, JsonValue.TRUE);
        }
        CompactObject shaped = builder.build(model);
        assertTrue(shaped.hasSortedIndex());
        for (String name : names) {
            assertSame(JsonValue.TRUE, shaped.get(name));
        }
        assertNull(shaped.get(CollidingNames.sameHashCode(900).get(899)));
    }
}
