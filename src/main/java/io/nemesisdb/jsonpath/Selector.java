package io.nemesisdb.jsonpath;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * One RFC 9535 selector (section 2.3): given an input node, it sends the nodes it selects to a
 * sink. Selectors that go through a container count a step per child; the others do constant work
 * per input node, which {@link Segment#apply} counts.
 */
sealed interface Selector {

    /** Selects from {@code value}; returns false when the sink asked to stop. */
    boolean select(JsonValue value, Location location, Evaluation evaluation, NodeSink sink);

    /** Selects the member {@code name}; {@code lengthCompatible} adds 0.6.4's {@code .length} on arrays and strings. */
    record Name(String name, boolean lengthCompatible) implements Selector {

        @Override
        public boolean select(JsonValue value, Location location, Evaluation evaluation, NodeSink sink) {
            if (value instanceof JsonObject object) {
                JsonValue member = object.get(name);
                return member == null || sink.accept(member, Location.member(location, name));
            }
            if (lengthCompatible) {
                JsonValue length = LengthOf.compatibleLength(value);
                return length == null || sink.accept(length, Location.computedLength(location));
            }
            return true;
        }
    }

    /** Selects every element of an array or member value of an object. */
    record Wildcard() implements Selector {

        @Override
        public boolean select(JsonValue value, Location location, Evaluation evaluation, NodeSink sink) {
            if (value instanceof JsonArray array) {
                for (int i = 0; i < array.size(); i++) {
                    evaluation.step();
                    if (!sink.accept(array.get(i), Location.element(location, i))) {
                        return false;
                    }
                }
            } else if (value instanceof JsonObject object) {
                for (Map.Entry<String, JsonValue> member : object.entrySet()) {
                    evaluation.step();
                    if (!sink.accept(member.getValue(), Location.member(location, member.getKey()))) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /** Selects one array element; negative indices count from the end. */
    record Index(long index) implements Selector {

        @Override
        public boolean select(JsonValue value, Location location, Evaluation evaluation, NodeSink sink) {
            if (value instanceof JsonArray array) {
                long at = index < 0 ? array.size() + index : index;
                if (at >= 0 && at < array.size()) {
                    return sink.accept(array.get((int) at), Location.element(location, (int) at));
                }
            }
            return true;
        }
    }

    /** Selects a slice {@code start:end:step} of an array (RFC 9535 section 2.3.4.2). */
    record Slice(Long start, Long end, long step) implements Selector {

        @Override
        public boolean select(JsonValue value, Location location, Evaluation evaluation, NodeSink sink) {
            if (!(value instanceof JsonArray array) || step == 0) {
                return true;
            }
            long length = array.size();
            if (step > 0) {
                long lower = bound(start == null ? 0 : start, length);
                long upper = bound(end == null ? length : end, length);
                for (long i = lower; i < upper; i += step) {
                    evaluation.step();
                    if (!sink.accept(array.get((int) i), Location.element(location, (int) i))) {
                        return false;
                    }
                }
            } else {
                long upper = bound(start == null ? length - 1 : start, length);
                long lower = bound(end == null ? -length - 1 : end, length);
                for (long i = upper; lower < i; i += step) {
                    evaluation.step();
                    if (!sink.accept(array.get((int) i), Location.element(location, (int) i))) {
                        return false;
                    }
                }
            }
            return true;
        }

        private long bound(long index, long length) {
            long normalized = index >= 0 ? index : length + index;
            if (step > 0) {
                return Math.min(Math.max(normalized, 0), length);
            }
            return Math.min(Math.max(normalized, -1), length - 1);
        }
    }

    /** Selects the children of an array or object for which the logical expression is true. */
    record Filter(LogicalExpression condition) implements Selector {

        @Override
        public boolean select(JsonValue value, Location location, Evaluation evaluation, NodeSink sink) {
            if (value instanceof JsonArray array) {
                for (int i = 0; i < array.size(); i++) {
                    evaluation.step();
                    JsonValue element = array.get(i);
                    if (condition.test(element, evaluation) && !sink.accept(element, Location.element(location, i))) {
                        return false;
                    }
                }
            } else if (value instanceof JsonObject object) {
                for (Map.Entry<String, JsonValue> member : object.entrySet()) {
                    evaluation.step();
                    if (condition.test(member.getValue(), evaluation)
                            && !sink.accept(member.getValue(), Location.member(location, member.getKey()))) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
