package io.aria.core.internal;

import io.aria.core.ClosedTrade;
import io.aria.core.ControlResult;
import io.aria.core.ExecutionReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Collects the reports of a control action's orders and completes its result when the last one
 * arrives (at once when it sent none). Event-loop thread only; the result may be read anywhere.
 */
final class ControlTracker {
    private final String action;
    private final String by;
    private final String reason;
    private final List<ExecutionReport> reports = new ArrayList<>();
    private final List<ClosedTrade> closed = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final CompletableFuture<ControlResult> result = new CompletableFuture<>();
    private int outstanding;
    private boolean sealed;

    ControlTracker(String action, String by, String reason) {
        this.action = action;
        this.by = by;
        this.reason = reason;
    }

    /** An order of this action was handed to the gateway. */
    void sent() {
        outstanding++;
    }

    /** @param note what was not done and why */
    void note(String note) {
        notes.add(note);
    }

    /** An order of this action has its report, and the trade it closed if any. */
    void reported(ExecutionReport report, ClosedTrade trade) {
        reports.add(report);
        if (trade != null) {
            closed.add(trade);
        }
        outstanding--;
        completeIfDone();
    }

    /** Every order of the action has been sent: complete once they are all reported. */
    CompletableFuture<ControlResult> seal() {
        sealed = true;
        completeIfDone();
        return result;
    }

    private void completeIfDone() {
        if (sealed && outstanding == 0 && !result.isDone()) {
            result.complete(new ControlResult(action, by, reason, reports, closed, notes));
        }
    }
}
