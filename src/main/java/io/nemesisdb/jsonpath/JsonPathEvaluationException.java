package io.nemesisdb.jsonpath;

/**
 * Evaluation of a valid query was stopped because it nests too deeply to walk: filters nested
 * inside each other past the thread's stack, or a regular expression that recurses too deep on a
 * long string. A query that takes too long ends with {@link BudgetExceededException} instead.
 */
public final class JsonPathEvaluationException extends RuntimeException {

    JsonPathEvaluationException(String message) {
        super(message);
    }
}
