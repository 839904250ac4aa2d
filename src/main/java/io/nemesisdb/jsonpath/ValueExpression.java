package io.nemesisdb.jsonpath;

import jakarta.json.JsonValue;

/** Something that yields one value or Nothing (null): a literal, a singular query, or a ValueType function. */
sealed interface ValueExpression {

    JsonValue evaluate(JsonValue current, Evaluation evaluation);

    record Literal(JsonValue value) implements ValueExpression {

        @Override
        public JsonValue evaluate(JsonValue current, Evaluation evaluation) {
            return value;
        }
    }

    record SingularQuery(Query query) implements ValueExpression {

        @Override
        public JsonValue evaluate(JsonValue current, Evaluation evaluation) {
            return query.singleValue(current, evaluation);
        }
    }

    record FunctionValue(FunctionCall call) implements ValueExpression {

        @Override
        public JsonValue evaluate(JsonValue current, Evaluation evaluation) {
            return call.evaluateValue(current, evaluation);
        }
    }

    /** A part that does not depend on the current node ({@code count($[*])}): evaluated once per root. */
    record OncePerRoot(ValueExpression expression) implements ValueExpression {

        @Override
        public JsonValue evaluate(JsonValue current, Evaluation evaluation) {
            return evaluation.oncePerRoot(this, () -> expression.evaluate(null, evaluation));
        }
    }
}
