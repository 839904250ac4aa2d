package io.nemesisdb.jsonpath;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * A call of one of RFC 9535's function extensions with arguments checked against its types at
 * parse time. A regular expression given as a literal is compiled once, when the query is parsed.
 */
final class FunctionCall {

    private final Function function;
    private final List<FunctionArgument> arguments;
    private final RegexCache regexes;

    FunctionCall(Function function, List<FunctionArgument> arguments) {
        this.function = function;
        this.arguments = List.copyOf(arguments);
        this.regexes = function == Function.MATCH || function == Function.SEARCH
                ? new RegexCache(literalPattern(arguments.get(1)), function == Function.MATCH)
                : null;
    }

    Function function() {
        return function;
    }

    List<FunctionArgument> arguments() {
        return arguments;
    }

    /** Result of a ValueType function; null is Nothing. */
    JsonValue evaluateValue(JsonValue current, Evaluation evaluation) {
        return switch (function) {
            case LENGTH -> {
                JsonValue argument = value(0, current, evaluation);
                yield argument == null ? null : LengthOf.function(argument);
            }
            case COUNT -> CachedJson.PROVIDER.createValue(countNodes(nodesQuery(0), current, evaluation));
            case VALUE -> singleNode(nodesQuery(0), current, evaluation);
            default -> throw new IllegalStateException(function + " is not ValueType");
        };
    }

    /** Result of a LogicalType function (NodesType results would convert by non-emptiness; none exist). */
    boolean evaluateLogical(JsonValue current, Evaluation evaluation) {
        if (function != Function.MATCH && function != Function.SEARCH) {
            throw new IllegalStateException(function + " is not LogicalType");
        }
        if (!(value(0, current, evaluation) instanceof JsonString subject)
                || !(value(1, current, evaluation) instanceof JsonString pattern)) {
            return false;
        }
        return regexes.matches(pattern.getString(), subject.getString(), evaluation.budget());
    }

    private JsonValue value(int index, JsonValue current, Evaluation evaluation) {
        return ((FunctionArgument.Value) arguments.get(index)).expression().evaluate(current, evaluation);
    }

    private Query nodesQuery(int index) {
        return ((FunctionArgument.Nodes) arguments.get(index)).query();
    }

    private static int countNodes(Query query, JsonValue current, Evaluation evaluation) {
        int[] count = {0};
        query.evaluate(current, null, evaluation, (value, at) -> {
            count[0]++;
            return true;
        });
        return count[0];
    }

    private static JsonValue singleNode(Query query, JsonValue current, Evaluation evaluation) {
        JsonValue[] found = new JsonValue[1];
        int[] count = {0};
        query.evaluate(current, null, evaluation, (value, at) -> {
            found[0] = value;
            return ++count[0] < 2;
        });
        return count[0] == 1 ? found[0] : null;
    }

    private static String literalPattern(FunctionArgument argument) {
        if (argument instanceof FunctionArgument.Value(ValueExpression.Literal(JsonString pattern))) {
            return pattern.getString();
        }
        return null;
    }
}
