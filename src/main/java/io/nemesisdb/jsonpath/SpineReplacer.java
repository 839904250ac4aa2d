package io.nemesisdb.jsonpath;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a new root in which given locations hold a replacement value. The locations are merged
 * into a tree of steps; only containers on that tree are rebuilt (a shallow copy each), the rest
 * of the value is shared. Works bottom-up with an explicit stack, so depth is not a limit.
 */
final class SpineReplacer {

    /** One step of the merged locations: either replaced here, or with replaced places below. */
    private static final class Step {
        boolean replaced;
        final Map<Object, Step> children = new LinkedHashMap<>();
    }

    private SpineReplacer() {
    }

    static Replacement replace(JsonValue root, List<Location> targets, JsonValue replacement) {
        if (targets.isEmpty()) {
            return new Replacement(root, 0);
        }
        Step top = new Step();
        for (Location target : targets) {
            mark(top, target.steps());
        }
        if (top.replaced) {
            return new Replacement(replacement, 1);
        }
        int[] count = {0};
        return new Replacement(rebuild(root, top, replacement, count), count[0]);
    }

    private static void mark(Step top, List<Object> path) {
        Step at = top;
        for (Object key : path) {
            if (at.replaced) {
                return;
            }
            at = at.children.computeIfAbsent(key, k -> new Step());
        }
        at.replaced = true;
        at.children.clear();
    }

    /** A frame of the explicit post-order walk: a container to rebuild and the new values of its children. */
    private record Frame(JsonValue value, Step step, Map<Object, JsonValue> rebuilt, Frame parent, Object keyInParent) {
    }

    private static JsonValue rebuild(JsonValue root, Step top, JsonValue replacement, int[] count) {
        Deque<Frame> pending = new ArrayDeque<>();
        Deque<Boolean> expanded = new ArrayDeque<>();
        pending.push(new Frame(root, top, new LinkedHashMap<>(), null, null));
        expanded.push(false);
        JsonValue result = root;
        while (!pending.isEmpty()) {
            Frame frame = pending.peek();
            if (!expanded.pop()) {
                expanded.push(true);
                for (Map.Entry<Object, Step> child : frame.step().children.entrySet()) {
                    JsonValue childValue = childOf(frame.value(), child.getKey());
                    if (child.getValue().replaced) {
                        frame.rebuilt().put(child.getKey(), replacement);
                        count[0]++;
                    } else {
                        pending.push(new Frame(childValue, child.getValue(), new LinkedHashMap<>(), frame, child.getKey()));
                        expanded.push(false);
                    }
                }
                continue;
            }
            pending.pop();
            JsonValue newValue = withChildren(frame.value(), frame.rebuilt());
            if (frame.parent() == null) {
                result = newValue;
            } else {
                frame.parent().rebuilt().put(frame.keyInParent(), newValue);
            }
        }
        return result;
    }

    private static JsonValue childOf(JsonValue container, Object key) {
        if (key instanceof String name) {
            return ((JsonObject) container).get(name);
        }
        return ((JsonArray) container).get((Integer) key);
    }

    private static JsonValue withChildren(JsonValue container, Map<Object, JsonValue> children) {
        if (children.isEmpty()) {
            return container;
        }
        if (container instanceof JsonObject object) {
            JsonObjectBuilder builder = CachedJson.PROVIDER.createObjectBuilder(object);
            children.forEach((key, value) -> builder.add((String) key, value));
            return builder.build();
        }
        JsonArrayBuilder builder = CachedJson.PROVIDER.createArrayBuilder((JsonArray) container);
        children.forEach((key, value) -> builder.set((Integer) key, value));
        return builder.build();
    }
}
