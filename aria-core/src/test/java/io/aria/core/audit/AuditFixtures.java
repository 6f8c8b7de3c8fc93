package io.aria.core.audit;

import io.aria.core.ClosedTrade;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.ModelVote;
import io.aria.core.OrderIntent;
import io.aria.core.OrderRequest;
import io.aria.core.Regime;
import io.aria.core.Side;
import io.aria.core.TradeEvent;
import io.aria.core.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Audit records of every type with non-default values in every field, for round-trip tests. */
final class AuditFixtures {

    static final long T0 = Instant.parse("2024-03-14T09:26:53.589Z").toEpochMilli();

    private AuditFixtures() {
    }

    static Decision decision(long t) {
        return new Decision("EURUSD", t, Direction.LONG, 0.75, 0.6, Regime.BREAKOUT,
                List.of(new ModelVote("momentum", 0.8, 0.9, 1.5, 0.7), new ModelVote("mean_reversion", -0.2, 0.4, 0.5, 0)),
                Map.of("rsi", 61.25, "atr", 0.00123, "adx", 27.5));
    }

    static OrderIntent intent(long t) {
        return new OrderIntent("EURUSD", Side.BUY, 0.37, 1.08512, 1.0821, 1.0911, false, decision(t),
                "risk 1% of 10000 EUR over 30.2 points");
    }

    static OrderRequest request() {
        return new OrderRequest("aria-42-eurusd", "EURUSD", Side.BUY, 0.37, 1.08512, 1.0821, 1.0911, 15, 770077,
                "aria-42", 0);
    }

    static ExecutionReport report(long t) {
        return new ExecutionReport("aria-42-eurusd", "EURUSD", Side.BUY, ExecutionStatus.PARTIALLY_FILLED, 1001, 2002,
                3003, 0.37, 0.2, 1.08512, 1.08515, 0.00003, 123_456, 10010, "partial fill \"IOC\" \u00e9\u20ac", t);
    }

    static TradeEvent event(long t) {
        return new TradeEvent(TradeEvent.Kind.STOP_LOSS, "XAUUSD", 3003, 4004, Side.SELL, 0.1, 2150.35, -87.5,
                "aria-41-xauusd", t);
    }

    /** @return one record of each of the six original types, in the order declared on AuditRecord */
    static List<AuditRecord> oneOfEach(long t) {
        return List.of(
                new AuditRecord.DecisionLogged(t, decision(t), true),
                new AuditRecord.OrderSubmitted(t + 1, request(), intent(t), Verdict.resize(0.37, "CLASS_LEVERAGE",
                        "fx leverage 28.1 > 25")),
                new AuditRecord.OrderBlocked(t + 2, intent(t), Verdict.reject("KILL_SWITCH", "daily loss 5.2% > 5%")),
                new AuditRecord.OrderCompleted(t + 3, report(t + 3), intent(t)),
                new AuditRecord.TradeEventRecorded(t + 4, event(t + 4)),
                new AuditRecord.ControlAction(t + 5, "KILL_SWITCH_ENGAGED", "api:ops", "manual, loss 4.9%"));
    }

    /** @return the records issue 8 added: trade_closed (with and without an entry decision), order_blocked_summary */
    static List<AuditRecord> issue8Kinds(long t) {
        return List.of(
                new AuditRecord.TradeClosed(t + 6, new ClosedTrade("EURUSD", Side.BUY, 3003, 0.2, t - 60_000, 1.08515,
                        t + 6, 1.0861, 19.0, 60_006, 4.3, 21.5, ClosedTrade.ExitReason.SIGNAL, true, "aria-43-eurusd",
                        decision(t))),
                new AuditRecord.TradeClosed(t + 7, new ClosedTrade("XAUUSD", Side.SELL, 3004, 0.1, t - 1000, 2150.0,
                        t + 7, 2150.35, -3.5, 1007, 5.0, 0, ClosedTrade.ExitReason.STOP_LOSS, false, "", null)),
                new AuditRecord.OrderBlockedSummary(t + 8, "EURUSD", "KILL_SWITCH", 1439, t - 86_000_000, t + 8));
    }

    static AuditRecord.ControlAction control(long t, String detail) {
        return new AuditRecord.ControlAction(t, "NOTE", "test", detail);
    }

    static AuditRecord.DecisionLogged decisionLogged(long t) {
        return new AuditRecord.DecisionLogged(t, Decision.of("GBPUSD", t, Direction.SHORT, 0.5), false);
    }
}
