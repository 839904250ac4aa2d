package io.nemesisdb.jsonpath;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.json.JsonValue;

/**
 * One evaluation of a query against one root value: the root ({@code $}), the request's
 * {@link EvaluationBudget}, and the results of the parts of the query that do not depend on the
 * current node, so that each of them is computed once per root instead of once per node a filter
 * tests (without it, {@code $[?count($[*]) < 0]} counted the whole array for each element).
 */
final class Evaluation {

    /** Stands for a remembered Nothing, since the map cannot tell a null value from an absent one. */
    private static final Object NOTHING = new Object();

    private final JsonValue root;
    private final EvaluationBudget budget;
    /** Keyed by the identity of the query part: parts are records, whose equality is by value. */
    private Map<Object, Object> perRoot;

    Evaluation(JsonValue root, EvaluationBudget budget) {
        this.root = root;
        this.budget = budget;
    }

    JsonValue root() {
        return root;
    }

    /** Counts one step of work against the budget. */
    void step() {
        budget.step();
    }

    EvaluationBudget budget() {
        return budget;
    }

    /** The value of {@code part} for this root: computed on first use, then remembered. */
    @SuppressWarnings("unchecked")
    <T> T oncePerRoot(Object part, Supplier<T> compute) {
        if (perRoot == null) {
            perRoot = new IdentityHashMap<>();
        }
        Object known = perRoot.get(part);
        if (known == null) {
            T computed = compute.get();
            perRoot.put(part, computed == null ? NOTHING : computed);
            return computed;
        }
        return known == NOTHING ? null : (T) known;
    }
}
