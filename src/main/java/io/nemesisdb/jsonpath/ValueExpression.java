package io.nemesisdb.jsonpath;

import jakarta.json.JsonValue;

/** Something that yields one value or Nothing (null): a literal, a singular query, or a ValueType function. */
sealed interface ValueExpression {

    JsonValue evaluate(JsonValue current, JsonValue root);

    record Literal(JsonValue value) implements ValueExpression {

        @Override
        public JsonValue evaluate(JsonValue current, JsonValue root) {
            return value;
        }
    }

    record SingularQuery(Query query) implements ValueExpression {

        @Override
        public JsonValue evaluate(JsonValue current, JsonValue root) {
            return query.singleValue(current, root);
        }
    }

    record FunctionValue(FunctionCall call) implements ValueExpression {

        @Override
        public JsonValue evaluate(JsonValue current, JsonValue root) {
            return call.evaluateValue(current, root);
        }
    }
}
