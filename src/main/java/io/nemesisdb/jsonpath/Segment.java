package io.nemesisdb.jsonpath;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A child segment ({@code [a,b]}, {@code .a}) or a descendant segment ({@code ..[a,b]}) with its
 * selectors. Descendants are walked with an explicit stack so that deeply nested values cannot
 * overflow the thread's stack.
 */
record Segment(boolean descendant, List<Selector> selectors) {

    // ArrayDeque refuses null, so an untracked location travels on the stack as this marker.
    private static final Object NO_LOCATION = new Object();

    Segment {
        selectors = List.copyOf(selectors);
    }

    /** True when this segment selects at most one node: one name or index selector on children. */
    boolean isSingular() {
        return !descendant && selectors.size() == 1
                && (selectors.getFirst() instanceof Selector.Name || selectors.getFirst() instanceof Selector.Index);
    }

    /** Applies the segment to one input node; returns false when the sink asked to stop. */
    boolean apply(JsonValue value, Location location, Evaluation evaluation, NodeSink sink) {
        evaluation.step();
        if (!descendant) {
            return applySelectors(value, location, evaluation, sink);
        }
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(location == null ? NO_LOCATION : location);
        pending.push(value);
        while (!pending.isEmpty()) {
            JsonValue current = (JsonValue) pending.pop();
            Object at = pending.pop();
            Location currentLocation = at == NO_LOCATION ? null : (Location) at;
            evaluation.step();
            if (!applySelectors(current, currentLocation, evaluation, sink)) {
                return false;
            }
            pushChildrenInReverse(current, currentLocation, pending);
        }
        return true;
    }

    private boolean applySelectors(JsonValue value, Location location, Evaluation evaluation, NodeSink sink) {
        for (Selector selector : selectors) {
            if (!selector.select(value, location, evaluation, sink)) {
                return false;
            }
        }
        return true;
    }

    // Selectors of a descendant segment select nothing from a scalar, so scalars are not visited.
    private static boolean isContainer(JsonValue value) {
        return value instanceof JsonArray || value instanceof JsonObject;
    }

    /** Pushes (location, value) pairs so that children pop in document order, before their own children. */
    private static void pushChildrenInReverse(JsonValue value, Location location, Deque<Object> pending) {
        if (value instanceof JsonArray array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                JsonValue child = array.get(i);
                if (isContainer(child)) {
                    pending.push(location == null ? NO_LOCATION : Location.element(location, i));
                    pending.push(child);
                }
            }
        } else if (value instanceof JsonObject object) {
            List<Map.Entry<String, JsonValue>> members = new ArrayList<>(object.entrySet());
            for (int i = members.size() - 1; i >= 0; i--) {
                Map.Entry<String, JsonValue> member = members.get(i);
                if (!isContainer(member.getValue())) {
                    continue;
                }
                pending.push(location == null ? NO_LOCATION : Location.member(location, member.getKey()));
                pending.push(member.getValue());
            }
        }
    }
}
