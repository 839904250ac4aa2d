package io.nemesisdb.jsonpath;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed query: {@code $} or {@code @} followed by segments. Segments are applied one after
 * another to whole nodelists (no recursion per segment), and only the last one streams into the
 * caller's sink, so a caller that needs one node stops after the first.
 */
record Query(boolean absolute, List<Segment> segments) {

    Query {
        segments = List.copyOf(segments);
    }

    /** RFC 9535 section 2.3.5.1: only name and index selectors in child segments. */
    boolean isSingular() {
        for (Segment segment : segments) {
            if (!segment.isSingular()) {
                return false;
            }
        }
        return true;
    }

    /** Sends the nodelist of this query, evaluated at {@code current}, to the sink. */
    void evaluate(JsonValue current, Location location, Evaluation evaluation, NodeSink sink) {
        JsonValue start = absolute ? evaluation.root() : current;
        Location startLocation = absolute && location != null ? Location.ROOT : location;
        if (segments.isEmpty()) {
            sink.accept(start, startLocation);
            return;
        }
        List<JsonValue> values = List.of(start);
        List<Location> locations = new ArrayList<>(1);
        locations.add(startLocation);
        int last = segments.size() - 1;
        for (int s = 0; s < last; s++) {
            Segment segment = segments.get(s);
            List<JsonValue> nextValues = new ArrayList<>();
            List<Location> nextLocations = new ArrayList<>();
            for (int n = 0; n < values.size(); n++) {
                segment.apply(values.get(n), locations.get(n), evaluation, (value, at) -> {
                    nextValues.add(value);
                    nextLocations.add(at);
                    return true;
                });
            }
            if (nextValues.isEmpty()) {
                return;
            }
            values = nextValues;
            locations = nextLocations;
        }
        Segment lastSegment = segments.get(last);
        for (int n = 0; n < values.size(); n++) {
            if (!lastSegment.apply(values.get(n), locations.get(n), evaluation, sink)) {
                return;
            }
        }
    }

    /** True when the query selects at least one node; stops at the first. */
    boolean selectsAny(JsonValue current, Evaluation evaluation) {
        boolean[] found = {false};
        evaluate(current, null, evaluation, (value, at) -> {
            found[0] = true;
            return false;
        });
        return found[0];
    }

    /** The single value of a singular query, or null (Nothing) when it selects no node. */
    JsonValue singleValue(JsonValue current, Evaluation evaluation) {
        JsonValue value = absolute ? evaluation.root() : current;
        for (Segment segment : segments) {
            evaluation.step();
            Selector selector = segment.selectors().getFirst();
            value = switch (selector) {
                case Selector.Name name -> memberOf(value, name);
                case Selector.Index index -> elementOf(value, index.index());
                default -> throw new IllegalStateException("not a singular query");
            };
            if (value == null) {
                return null;
            }
        }
        return value;
    }

    private static JsonValue memberOf(JsonValue value, Selector.Name name) {
        if (value instanceof JsonObject object) {
            return object.get(name.name());
        }
        return name.lengthCompatible() ? LengthOf.compatibleLength(value) : null;
    }

    private static JsonValue elementOf(JsonValue value, long index) {
        if (value instanceof JsonArray array) {
            long at = index < 0 ? array.size() + index : index;
            return at >= 0 && at < array.size() ? array.get((int) at) : null;
        }
        return null;
    }
}
