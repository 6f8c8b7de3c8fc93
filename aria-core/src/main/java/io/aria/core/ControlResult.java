package io.aria.core;

import java.util.List;
import java.util.Objects;

/**
 * What a control action that sends orders did ({@code TradingPipeline.closePosition},
 * {@code flattenAll}, {@code emergencyStop}): every order it sent, as the broker reported it, and
 * the closed trades those reports produced. Completes once every order sent has its report.
 *
 * @param action       for example {@code CLOSE_POSITION}, {@code FLATTEN_ALL}, {@code EMERGENCY_STOP}
 * @param by           who asked
 * @param reason       why
 * @param reports      the outcome of each order sent (fill price and volume, or why it failed)
 * @param closedTrades the trades those orders closed (entry and exit price, profit)
 * @param notes        what was not done and why (for example "position 42 is not open")
 */
public record ControlResult(String action, String by, String reason, List<ExecutionReport> reports,
        List<ClosedTrade> closedTrades, List<String> notes) {

    public ControlResult {
        Values.text(action, "action");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(reason, "reason");
        reports = List.copyOf(Objects.requireNonNull(reports, "reports"));
        closedTrades = List.copyOf(Objects.requireNonNull(closedTrades, "closedTrades"));
        notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
    }

    /** @return how many orders were sent */
    public int ordersSent() {
        return reports.size();
    }
}
