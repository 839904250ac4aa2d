package io.nemesisdb.jsonpath;

/**
 * Evaluation of a valid query was stopped because it would cost more than the server allows
 * (a regular expression that backtracks past its step budget, or nesting too deep to walk).
 */
public final class JsonPathEvaluationException extends RuntimeException {

    JsonPathEvaluationException(String message) {
        super(message);
    }
}
