package io.aria.core.internal;

import io.aria.core.AssetCatalog;
import io.aria.core.ClosedTrade;
import io.aria.core.ControlResult;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ModifyResult;
import io.aria.core.OrderIntent;
import io.aria.core.Position;
import io.aria.core.Regime;
import io.aria.core.TradeReturnCode;
import io.aria.core.audit.AuditRecord;
import io.aria.core.spi.AuditSink;
import io.aria.core.spi.OrderGateway;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's actions, applied on the loop thread: each is a {@code control} audit record, and
 * each order it sends goes through the same {@link OrderTracker} as a signal's (write-ahead, the
 * kill switch, which its closes pass as they reduce), with verdict {@link #CONTROL_CLOSE},
 * {@link #CONTROL_FLATTEN} or {@link #EMERGENCY_STOP} instead of the guards'. There is no side
 * door to the gateway. Not safe for use from multiple threads: the loop thread only.
 */
final class ControlActions {

    private static final Logger log = LoggerFactory.getLogger(ControlActions.class);

    /** Verdict code of a close asked for by {@code TradingPipeline.closePosition}. */
    static final String CONTROL_CLOSE = "CONTROL_CLOSE";
    /** Verdict code of a close sent by {@code TradingPipeline.flattenAll}. */
    static final String CONTROL_FLATTEN = "CONTROL_FLATTEN";
    /** Verdict code of a close sent by {@code TradingPipeline.emergencyStop}. */
    static final String EMERGENCY_STOP = "EMERGENCY_STOP";

    private final AssetCatalog catalog;
    private final Portfolio portfolio;
    private final OrderTracker orders;
    private final DecisionPath decisions;
    private final PlugIns plugIns;
    private final OrderGateway gateway;
    private final AuditSink audit;
    private final EventQueue events;

    ControlActions(Portfolio portfolio, OrderTracker orders, DecisionPath decisions, PlugIns plugIns,
            OrderGateway gateway, AuditSink audit, EventQueue events) {
        this.catalog = portfolio.catalog();
        this.portfolio = portfolio;
        this.orders = orders;
        this.decisions = decisions;
        this.plugIns = plugIns;
        this.gateway = gateway;
        this.audit = audit;
        this.events = events;
    }

    /** Writes a {@code control} record (not written ahead: it sends nothing itself). */
    void audit(String action, String by, String detail) {
        plugIns.record(new AuditRecord.ControlAction(portfolio.now(), action, by, detail));
    }

    /** @return whether the symbol is known */
    boolean setEnabled(String symbol, boolean on, String by) {
        int i = catalog.indexOf(symbol);
        if (i < 0) {
            return false;
        }
        if (decisions.setEnabled(i, on)) {
            audit(on ? "SYMBOL_ENABLED" : "SYMBOL_DISABLED", by, symbol);
        }
        return true;
    }

    /** Closes one open position (verdict {@code CONTROL_CLOSE}, exit reason MANUAL). */
    CompletableFuture<ControlResult> closePosition(long ticket, String by, String reason) {
        ControlTracker tracker = new ControlTracker("CLOSE_POSITION", by, reason);
        Position p = portfolio.position(ticket);
        audit("CLOSE_POSITION", by, "position " + ticket + (p == null ? " (not open)" : " " + p.symbol() + " "
                + p.side() + " " + p.volume() + " lots") + ": " + reason);
        if (p == null) {
            tracker.note("position " + ticket + " is not open");
        } else {
            int i = catalog.indexOf(p.symbol());
            if (i < 0) {
                tracker.note("position " + ticket + " is of " + p.symbol() + ", which is not in the catalog");
            } else {
                orders.close(i, p, controlDecision(i), "close by " + by + ": " + reason, OrderIntent.Origin.CONTROL,
                        new OrderPurpose(CONTROL_CLOSE, by, reason, ClosedTrade.ExitReason.MANUAL, tracker));
            }
        }
        return tracker.seal();
    }

    /**
     * Closes every open position ({@code CONTROL_FLATTEN}, or {@code EMERGENCY_STOP} when the
     * kill switch was engaged by the emergency stop) and sets every such symbol's target flat.
     */
    CompletableFuture<ControlResult> flattenAll(String by, String reason, boolean emergency) {
        String action = emergency ? "EMERGENCY_STOP" : "FLATTEN_ALL";
        ControlTracker tracker = new ControlTracker(action, by, reason);
        List<Position> open = portfolio.positions();
        audit(action, by, open.size() + " open positions: " + reason);
        OrderPurpose purpose = new OrderPurpose(emergency ? EMERGENCY_STOP : CONTROL_FLATTEN, by, reason,
                emergency ? ClosedTrade.ExitReason.EMERGENCY_STOP : ClosedTrade.ExitReason.MANUAL, tracker);
        Set<Integer> symbols = new LinkedHashSet<>();
        for (Position p : open) {
            int i = catalog.indexOf(p.symbol());
            if (i >= 0) {
                symbols.add(i);
            } else {
                tracker.note("position " + p.ticket() + " is of " + p.symbol() + ", which is not in the catalog");
            }
        }
        for (int i : symbols) {
            decisions.flatten(i);
            orders.closeSymbol(i, controlDecision(i), (emergency ? "emergency stop by " : "flatten by ") + by + ": "
                    + reason, purpose);
        }
        return tracker.seal();
    }

    /**
     * Changes an open position's stops: written ahead ({@code MODIFY_POSITION}), then sent through
     * {@link OrderGateway#modify}; the outcome is recorded as {@code MODIFY_POSITION_DONE}.
     */
    CompletableFuture<ModifyResult> modifyPosition(long ticket, double stopLoss, double takeProfit, String by,
            String reason) {
        CompletableFuture<ModifyResult> result = new CompletableFuture<>();
        Position p = portfolio.position(ticket);
        if (p == null) {
            audit("MODIFY_POSITION", by, "position " + ticket + " (not open): " + reason);
            result.complete(new ModifyResult(ticket, stopLoss, takeProfit, TradeReturnCode.POSITION_CLOSED,
                    "position " + ticket + " is not open"));
            return result;
        }
        String detail = "position " + ticket + " " + p.symbol() + " " + p.side() + ": stopLoss " + p.stopLoss() + " -> "
                + stopLoss + ", takeProfit " + p.takeProfit() + " -> " + takeProfit + ": " + reason;
        try {
            audit.recordAhead(new AuditRecord.ControlAction(portfolio.now(), "MODIFY_POSITION", by, detail));
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            orders.auditFailed(msg);
            log.error("modify of position {} not sent: its write-ahead audit record could not be written: {}", ticket,
                    msg);
            result.complete(new ModifyResult(ticket, stopLoss, takeProfit, TradeReturnCode.ERROR,
                    "not sent: " + OrderTracker.AUDIT_FAILED + ": " + msg));
            return result;
        }
        CompletionStage<Integer> stage;
        try {
            stage = gateway.modify(ticket, stopLoss, takeProfit);
        } catch (RuntimeException e) {
            plugIns.error("gateway.modify", e);
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((code, error) -> events.offer(new EventQueue.Command(() -> {
            int rc = code != null ? code : TradeReturnCode.ERROR;
            String msg = code != null ? TradeReturnCode.describe(rc) : "gateway failed: " + error;
            audit("MODIFY_POSITION_DONE", by, "position " + ticket + ": " + rc + " " + msg);
            portfolio.sync();
            result.complete(new ModifyResult(ticket, stopLoss, takeProfit, rc, msg));
        })));
        return result;
    }

    /** The decision a control close answers: flat, no votes (attribution stays with the entry). */
    private Decision controlDecision(int i) {
        return new Decision(catalog.spec(i).symbol(), portfolio.now(), Direction.FLAT, 0, 0, Regime.RANGE, List.of(),
                Map.of());
    }
}
