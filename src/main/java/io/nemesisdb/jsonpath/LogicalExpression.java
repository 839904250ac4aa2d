package io.nemesisdb.jsonpath;

import jakarta.json.JsonValue;
import java.util.List;

/** A filter's logical expression (RFC 9535 section 2.3.5): true or false for the current node. */
sealed interface LogicalExpression {

    boolean test(JsonValue current, Evaluation evaluation);

    record Or(List<LogicalExpression> operands) implements LogicalExpression {

        @Override
        public boolean test(JsonValue current, Evaluation evaluation) {
            for (LogicalExpression operand : operands) {
                if (operand.test(current, evaluation)) {
                    return true;
                }
            }
            return false;
        }
    }

    record And(List<LogicalExpression> operands) implements LogicalExpression {

        @Override
        public boolean test(JsonValue current, Evaluation evaluation) {
            for (LogicalExpression operand : operands) {
                if (!operand.test(current, evaluation)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Not(LogicalExpression operand) implements LogicalExpression {

        @Override
        public boolean test(JsonValue current, Evaluation evaluation) {
            return !operand.test(current, evaluation);
        }
    }

    /** A test expression on a query: true when it selects at least one node. */
    record Exists(Query query) implements LogicalExpression {

        @Override
        public boolean test(JsonValue current, Evaluation evaluation) {
            return query.selectsAny(current, evaluation);
        }
    }

    /** A test expression on a function whose result is LogicalType or NodesType. */
    record FunctionTest(FunctionCall call) implements LogicalExpression {

        @Override
        public boolean test(JsonValue current, Evaluation evaluation) {
            return call.evaluateLogical(current, evaluation);
        }
    }

    record Comparison(ValueExpression left, ComparisonOperator operator, ValueExpression right)
            implements LogicalExpression {

        @Override
        public boolean test(JsonValue current, Evaluation evaluation) {
            return operator.holds(left.evaluate(current, evaluation), right.evaluate(current, evaluation), evaluation);
        }
    }

    /**
     * A part that does not depend on the current node ({@code count($[*]) < 0}): evaluated once
     * per root and remembered, instead of once per node the filter tests.
     */
    record OncePerRoot(LogicalExpression expression) implements LogicalExpression {

        @Override
        public boolean test(JsonValue current, Evaluation evaluation) {
            return evaluation.oncePerRoot(this, () -> expression.test(null, evaluation));
        }
    }
}
