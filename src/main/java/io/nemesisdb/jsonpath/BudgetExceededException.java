package io.nemesisdb.jsonpath;

/**
 * Evaluation was stopped by its {@link EvaluationBudget}: the request used up its time, or its
 * client has gone. Nothing was selected or replaced; the caller answers with an error.
 */
public final class BudgetExceededException extends RuntimeException {

    BudgetExceededException(String message) {
        super(message, null, false, false);
    }
}
