package io.nemesisdb.jsonpath;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * How much evaluation one request may spend, over every query it evaluates: a time limit and a
 * test of whether the result is still wanted (its client still connected). Evaluation counts
 * steps (a node visited, a segment applied, a pair of values compared, a character read by a
 * regular expression) and every {@value #CHECK_EVERY} steps reads the clock and asks whether the
 * result is still wanted, so the checks cost a fraction of a percent however the work is made up.
 *
 * <p>Used by one thread at a time (the request's), so its counter is a plain field.
 */
public final class EvaluationBudget {

    /** Steps between two checks: about 10-100 µs of work, well below any useful limit. */
    static final int CHECK_EVERY = 4096;

    private static final BooleanSupplier ALWAYS_WANTED = () -> true;

    private final long startNanos;
    private final long limitNanos;
    private final BooleanSupplier stillWanted;
    private int untilCheck = CHECK_EVERY;

    private EvaluationBudget(long limitNanos, BooleanSupplier stillWanted) {
        this.startNanos = System.nanoTime();
        this.limitNanos = limitNanos;
        this.stillWanted = stillWanted;
    }

    /**
     * A budget of {@code limit} from now, which also ends as soon as {@code stillWanted} turns
     * false (checked with the clock, so it must be cheap).
     */
    public static EvaluationBudget startingNow(Duration limit, BooleanSupplier stillWanted) {
        return new EvaluationBudget(limit.toNanos(), stillWanted);
    }

    /** No limit: for tools and tests that evaluate a query outside any request. */
    public static EvaluationBudget unlimited() {
        return new EvaluationBudget(Long.MAX_VALUE, ALWAYS_WANTED);
    }

    /** Counts one step; throws {@link BudgetExceededException} at a check that finds the budget spent. */
    void step() {
        if (--untilCheck <= 0) {
            check();
        }
    }

    private void check() {
        untilCheck = CHECK_EVERY;
        if (!stillWanted.getAsBoolean()) {
            throw new BudgetExceededException("evaluation abandoned: the client has gone");
        }
        if (System.nanoTime() - startNanos > limitNanos) {
            throw new BudgetExceededException("evaluation stopped after "
                    + Duration.ofNanos(limitNanos).toMillis() + " ms, the limit for one request");
        }
    }
}
