package io.nemesisdb.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import jakarta.json.JsonValue;

/**
 * The containers a reader is building, one per depth, and the member names they wait to be
 * added under, in arrays that grow with the depth, so that reading needs no recursion. Builders
 * are reused at each depth, from value to value. A sharing stack also remembers the last object
 * built at each depth, whose names the next object of the same shape shares. A stack for requests
 * also keeps the names its thread read recently at the top levels of requests: commands and
 * their parameters, a handful of names read over and over.
 */
final class ContainerStack {

    /** The depths up to which a sharing stack lets objects share their names with the last of their depth. */
    private static final int MAX_MODEL_DEPTH = 8;
    /** Slots of the recent names: a power of two. */
    private static final int RECENT_NAMES = 64;
    /** The longest name kept among the recent names. */
    private static final int MAX_RECENT_NAME = 24;
    /** Depth beyond which a thread's stack for requests is dropped after use rather than kept. */
    private static final int KEPT_DEPTH = 64;
    /** The stacks of request values, one per thread: requests allocate no builders. */
    private static final ThreadLocal<ContainerStack> FOR_REQUESTS = ThreadLocal.withInitial(() -> new ContainerStack(false));

    private Object[] building = new Object[4];
    private String[] names = new String[4];
    private CompactObject.Builder[] objects = new CompactObject.Builder[4];
    private CompactArray.Builder[] arrays = new CompactArray.Builder[4];
    private final CompactObject[] models;
    /** Direct-mapped by length and first and last byte; a miss replaces. */
    private final String[] recentNames = new String[RECENT_NAMES];

    ContainerStack(boolean sharing) {
        models = sharing ? new CompactObject[MAX_MODEL_DEPTH] : null;
    }

    /** This thread's stack for values read once; a stack grown very deep is not kept for the next value. */
    static ContainerStack forRequests() {
        ContainerStack stack = FOR_REQUESTS.get();
        if (stack.building.length > KEPT_DEPTH) {
            FOR_REQUESTS.remove();
        }
        return stack;
    }

    /**
     * The name whose text is {@code bytes[from..to)}, plain ASCII: the same {@code String} as the
     * last time this thread read it, if it is still among the recent names, so that reading it
     * allocates nothing and its hash is already computed.
     */
    String recentName(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length == 0 || length > MAX_RECENT_NAME) {
            return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        }
        int slot = (length * 31 + bytes[from] * 7 + bytes[to - 1]) & (RECENT_NAMES - 1);
        String recent = recentNames[slot];
        if (recent != null && recent.length() == length) {
            int i = 0;
            while (i < length && recent.charAt(i) == bytes[from + i]) {
                i++;
            }
            if (i == length) {
                return recent;
            }
        }
        return recentNames[slot] = new String(bytes, from, length, StandardCharsets.ISO_8859_1);
    }

    void start(int depth, boolean object, String name) {
        if (depth == building.length) {
            building = Arrays.copyOf(building, depth * 2);
            names = Arrays.copyOf(names, depth * 2);
            objects = Arrays.copyOf(objects, depth * 2);
            arrays = Arrays.copyOf(arrays, depth * 2);
        }
        names[depth] = name;
        if (object) {
            CompactObject.Builder builder = objects[depth];
            building[depth] = builder != null ? builder.clear() : (objects[depth] = new CompactObject.Builder());
        } else {
            CompactArray.Builder builder = arrays[depth];
            building[depth] = builder != null ? builder.clear() : (arrays[depth] = new CompactArray.Builder());
        }
    }

    boolean isObject(int depth) {
        return building[depth] instanceof CompactObject.Builder;
    }

    String nameOf(int depth) {
        return names[depth];
    }

    void add(int depth, String name, JsonValue value) {
        if (building[depth] instanceof CompactObject.Builder object) {
            object.add(name, value);
        } else {
            ((CompactArray.Builder) building[depth]).add(value);
        }
    }

    JsonValue finish(int depth) {
        if (!(building[depth] instanceof CompactObject.Builder object)) {
            return ((CompactArray.Builder) building[depth]).build();
        }
        if (models == null || depth >= models.length) {
            return object.build();
        }
        return models[depth] = object.build(models[depth]);
    }
}
