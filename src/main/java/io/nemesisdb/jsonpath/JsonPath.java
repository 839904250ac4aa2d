package io.nemesisdb.jsonpath;

import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled RFC 9535 JSONPath query over JSON-P values, plus the two 0.6.4 compatibility rules
 * (a parenthesized filter, {@code .length} on arrays and strings). Immutable and safe to share
 * between threads; evaluation takes no locks.
 *
 * <p>Every evaluation spends an {@link EvaluationBudget}: the server gives each request one, shared
 * by all the evaluations of that request, and the evaluation that finds it spent ends with
 * {@link BudgetExceededException}. The methods without a budget parameter have no limit, for
 * tools and tests. Parts of a filter that do not depend on the current node are evaluated once
 * per root ({@link Hoisting}).
 *
 * <p>Evaluation never recurses per level of the queried value, so values nested tens of
 * thousands deep are fine. A {@code match()}/{@code search()} whose regular expression would
 * recurse too deep ends the evaluation with {@link JsonPathEvaluationException} (an error, not a
 * silent non-match, so that a client never mistakes an aborted search for an empty result).
 */
public final class JsonPath {

    private final String text;
    private final Query query;

    private JsonPath(String text, Query query) {
        this.text = text;
        this.query = query;
    }

    /** Parses and type-checks a query. */
    public static JsonPath compile(String query) throws JsonPathSyntaxException {
        return new JsonPath(query, QueryParser.parse(query));
    }

    /** True when the query selects at least one node of {@code root}; stops at the first. */
    public boolean matches(JsonValue root, EvaluationBudget budget) {
        return guarded(() -> query.selectsAny(root, new Evaluation(root, budget)));
    }

    /** {@link #matches(JsonValue, EvaluationBudget)} without a limit. */
    public boolean matches(JsonValue root) {
        return matches(root, EvaluationBudget.unlimited());
    }

    /** The values of the nodelist, in nodelist order, duplicates kept; without a limit. */
    public List<JsonValue> select(JsonValue root) {
        List<JsonValue> values = new ArrayList<>();
        guarded(() -> {
            query.evaluate(root, null, new Evaluation(root, EvaluationBudget.unlimited()), (value, at) -> values.add(value));
            return null;
        });
        return values;
    }

    /** The nodelist: every selected value with its location, in order, duplicates kept. */
    public List<Node> nodes(JsonValue root, EvaluationBudget budget) {
        List<Node> nodes = new ArrayList<>();
        guarded(() -> {
            query.evaluate(root, Location.ROOT, new Evaluation(root, budget), (value, at) -> nodes.add(new Node(value, at)));
            return null;
        });
        return nodes;
    }

    /** {@link #nodes(JsonValue, EvaluationBudget)} without a limit. */
    public List<Node> nodes(JsonValue root) {
        return nodes(root, EvaluationBudget.unlimited());
    }

    /** The normalized paths (RFC 9535 section 2.7) of the nodelist, in order. */
    public List<String> normalizedPaths(JsonValue root, EvaluationBudget budget) {
        List<String> paths = new ArrayList<>();
        for (Node node : nodes(root, budget)) {
            paths.add(node.location().normalizedPath());
        }
        return paths;
    }

    /** {@link #normalizedPaths(JsonValue, EvaluationBudget)} without a limit. */
    public List<String> normalizedPaths(JsonValue root) {
        return normalizedPaths(root, EvaluationBudget.unlimited());
    }

    /**
     * Replaces every selected location with {@code replacement}. Only the containers on the way
     * from the root to a replaced location are copied; everything else is shared with
     * {@code root}. The count is of distinct locations replaced; a location inside another
     * replaced one is not counted, since its outer replacement already covers it. Values the
     * {@code .length} rule computes are not stored anywhere and are never replaced.
     */
    public Replacement replaceAll(JsonValue root, JsonValue replacement, EvaluationBudget budget) {
        List<Location> targets = new ArrayList<>();
        for (Node node : nodes(root, budget)) {
            if (!node.location().isComputed()) {
                targets.add(node.location());
            }
        }
        return SpineReplacer.replace(root, targets, replacement);
    }

    /** {@link #replaceAll(JsonValue, JsonValue, EvaluationBudget)} without a limit. */
    public Replacement replaceAll(JsonValue root, JsonValue replacement) {
        return replaceAll(root, replacement, EvaluationBudget.unlimited());
    }

    @Override
    public String toString() {
        return text;
    }

    private interface Run<T> {
        T run();
    }

    // Evaluation is iterative per level of the value; this guard only turns a pathological
    // combination of nested filters into an error instead of a dead worker thread.
    private static <T> T guarded(Run<T> evaluation) {
        try {
            return evaluation.run();
        } catch (StackOverflowError e) {
            throw new JsonPathEvaluationException("query nests too deeply to evaluate");
        }
    }
}
