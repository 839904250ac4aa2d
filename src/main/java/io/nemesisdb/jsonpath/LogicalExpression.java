package io.nemesisdb.jsonpath;

import jakarta.json.JsonValue;
import java.util.List;

/** A filter's logical expression (RFC 9535 section 2.3.5): true or false for the current node. */
sealed interface LogicalExpression {

    boolean test(JsonValue current, JsonValue root);

    record Or(List<LogicalExpression> operands) implements LogicalExpression {

        @Override
        public boolean test(JsonValue current, JsonValue root) {
            for (LogicalExpression operand : operands) {
                if (operand.test(current, root)) {
                    return true;
                }
            }
            return false;
        }
    }

    record And(List<LogicalExpression> operands) implements LogicalExpression {

        @Override
        public boolean test(JsonValue current, JsonValue root) {
            for (LogicalExpression operand : operands) {
                if (!operand.test(current, root)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Not(LogicalExpression operand) implements LogicalExpression {

        @Override
        public boolean test(JsonValue current, JsonValue root) {
            return !operand.test(current, root);
        }
    }

    /** A test expression on a query: true when it selects at least one node. */
    record Exists(Query query) implements LogicalExpression {

        @Override
        public boolean test(JsonValue current, JsonValue root) {
            return query.selectsAny(current, root);
        }
    }

    /** A test expression on a function whose result is LogicalType or NodesType. */
    record FunctionTest(FunctionCall call) implements LogicalExpression {

        @Override
        public boolean test(JsonValue current, JsonValue root) {
            return call.evaluateLogical(current, root);
        }
    }

    record Comparison(ValueExpression left, ComparisonOperator operator, ValueExpression right)
            implements LogicalExpression {

        @Override
        public boolean test(JsonValue current, JsonValue root) {
            return operator.holds(left.evaluate(current, root), right.evaluate(current, root));
        }
    }
}
