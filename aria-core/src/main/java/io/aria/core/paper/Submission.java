package io.aria.core.paper;

import io.aria.core.ExecutionReport;
import java.util.Objects;

/**
 * What {@link SimulatedAccount#submit} did with a request: executed it (filled or refused), or
 * answered from its table of client order ids without trading.
 */
public sealed interface Submission permits Submission.Executed, Submission.Duplicate, Submission.Conflict {

    /** @return the report to answer with */
    ExecutionReport report();

    /**
     * The account decided the request now.
     *
     * @param report FILLED, PARTIALLY_FILLED or REJECTED
     * @param deal   the fill's deal, {@code null} when refused
     */
    record Executed(ExecutionReport report, Deal deal) implements Submission {
        public Executed {
            Objects.requireNonNull(report, "report");
        }
    }

    /**
     * The id is known for the same order: nothing traded, the first outcome stands.
     *
     * @param first the id's first order and outcome
     */
    record Duplicate(OrderRecord first) implements Submission {
        public Duplicate {
            Objects.requireNonNull(first, "first");
        }

        @Override
        public ExecutionReport report() {
            return first.report();
        }
    }

    /**
     * The id is known for another order: nothing traded, the id stays the first order's.
     *
     * @param first  the order the id belongs to
     * @param report REJECTED; its code is the first order's refusal code when that was refused,
     *               else {@code REJECT}; its message says it is a conflict and names the id
     */
    record Conflict(OrderRecord first, ExecutionReport report) implements Submission {
        public Conflict {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(report, "report");
        }
    }
}
