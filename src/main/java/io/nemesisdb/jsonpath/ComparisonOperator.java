package io.nemesisdb.jsonpath;

import jakarta.json.JsonValue;

/** The six comparison operators with RFC 9535 section 2.3.5.2.2 semantics; null stands for Nothing. */
enum ComparisonOperator {
    EQUAL("=="), NOT_EQUAL("!="), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    boolean holds(JsonValue left, JsonValue right, Evaluation evaluation) {
        return switch (this) {
            case EQUAL -> JsonValues.equal(left, right, evaluation);
            case NOT_EQUAL -> !JsonValues.equal(left, right, evaluation);
            case LESS -> JsonValues.less(left, right);
            case LESS_OR_EQUAL -> JsonValues.less(left, right) || JsonValues.equal(left, right, evaluation);
            case GREATER -> JsonValues.less(right, left);
            case GREATER_OR_EQUAL -> JsonValues.less(right, left) || JsonValues.equal(left, right, evaluation);
        };
    }
}
