package io.aria.core.audit;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.aria.core.ClosedTrade;
import io.aria.core.Decision;
import io.aria.core.ExecutionReport;
import io.aria.core.OrderIntent;
import io.aria.core.OrderRequest;
import io.aria.core.TradeEvent;
import io.aria.core.Verdict;
import java.util.Objects;

/**
 * One line of the audit trail. {@link DecisionLogged} records go to the decision log
 * ({@code live_logs/decisions_YYYYMMDD.jsonl}); all others to the execution audit
 * ({@code audit_logs/execution_audit_YYYYMMDD.jsonl}).
 *
 * <p>The JSON form carries {@code "type"} (the names below) and the schema version
 * {@link #SCHEMA_VERSION} in {@code "v"}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AuditRecord.DecisionLogged.class, name = "decision"),
    @JsonSubTypes.Type(value = AuditRecord.OrderSubmitted.class, name = "order_submitted"),
    @JsonSubTypes.Type(value = AuditRecord.OrderBlocked.class, name = "order_blocked"),
    @JsonSubTypes.Type(value = AuditRecord.OrderCompleted.class, name = "order_completed"),
    @JsonSubTypes.Type(value = AuditRecord.TradeEventRecorded.class, name = "trade_event"),
    @JsonSubTypes.Type(value = AuditRecord.ControlAction.class, name = "control"),
    @JsonSubTypes.Type(value = AuditRecord.TradeClosed.class, name = "trade_closed"),
    @JsonSubTypes.Type(value = AuditRecord.OrderBlockedSummary.class, name = "order_blocked_summary")
})
public sealed interface AuditRecord {

    /** Version of the record layout; bumped on any incompatible change. */
    int SCHEMA_VERSION = 1;

    /** @return when the recorded thing happened, epoch millis UTC (decides the file's day) */
    long epochMillis();

    /** @return whether the record belongs to the decision log rather than the execution audit */
    default boolean isDecisionLog() {
        return this instanceof DecisionLogged;
    }

    /**
     * A decision of the ensemble.
     *
     * @param epochMillis       time
     * @param decision          the decision with per-model votes, weights and indicators
     * @param directionChanged  whether it changed the symbol's target direction (otherwise it is a sample)
     */
    record DecisionLogged(long epochMillis, Decision decision, boolean directionChanged) implements AuditRecord {
        public DecisionLogged {
            Objects.requireNonNull(decision, "decision");
        }
    }

    /**
     * Write-ahead record: an order about to be handed to the gateway.
     *
     * @param epochMillis time
     * @param request     the order as sent
     * @param intent      the sizer's intent, with the decision and its attribution
     * @param verdict     the risk verdict that let it through
     */
    record OrderSubmitted(long epochMillis, OrderRequest request, OrderIntent intent, Verdict verdict)
            implements AuditRecord {
        public OrderSubmitted {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(intent, "intent");
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /**
     * An intent the risk layer or the kill switch stopped.
     *
     * @param epochMillis time
     * @param intent      the intent
     * @param verdict     the rejection (code {@code KILL_SWITCH} when the switch stopped it)
     */
    record OrderBlocked(long epochMillis, OrderIntent intent, Verdict verdict) implements AuditRecord {
        public OrderBlocked {
            Objects.requireNonNull(intent, "intent");
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /**
     * The outcome of a submitted order.
     *
     * @param epochMillis time
     * @param report      the gateway's report
     * @param intent      the intent behind it (attribution)
     */
    record OrderCompleted(long epochMillis, ExecutionReport report, OrderIntent intent) implements AuditRecord {
        public OrderCompleted {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(intent, "intent");
        }
    }

    /**
     * A broker-side position change.
     *
     * @param epochMillis time
     * @param event       the event
     */
    record TradeEventRecorded(long epochMillis, TradeEvent event) implements AuditRecord {
        public TradeEventRecorded {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * A control action: kill switch engaged or released, symbol enabled or disabled, flatten.
     *
     * @param epochMillis time
     * @param action      for example {@code KILL_SWITCH_ENGAGED}, {@code SYMBOL_DISABLED}
     * @param by          who did it
     * @param detail      reason and numbers
     */
    record ControlAction(long epochMillis, String action, String by, String detail) implements AuditRecord {
        public ControlAction {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * A position, or part of it, was closed: entry and exit, realised profit, excursions, why it
     * closed and the attribution of the decision that opened it. Written for every closing deal
     * the pipeline learns of: its own closing orders (signal, manual close, flatten, emergency
     * stop) and broker-side closes (stop-loss, take-profit, stop-out, closed externally).
     *
     * @param epochMillis time
     * @param trade       the closed trade
     */
    record TradeClosed(long epochMillis, ClosedTrade trade) implements AuditRecord {
        public TradeClosed {
            Objects.requireNonNull(trade, "trade");
        }
    }

    /**
     * The end of an episode of blocked intents: the first intent blocked for a symbol and reason
     * code is written as an {@link OrderBlocked} record; the ones that repeat it are only counted
     * until the episode ends (an order for the symbol is sent, the kill switch changes state, the
     * day changes or the pipeline closes), and this record says how many there were.
     *
     * @param epochMillis      time the episode ended
     * @param symbol           catalog symbol
     * @param code             the verdict's reason code
     * @param repeats          blocked intents after the first, not written one by one, &gt;= 1
     * @param firstEpochMillis when the first of the episode was blocked
     * @param lastEpochMillis  when the last was
     */
    record OrderBlockedSummary(long epochMillis, String symbol, String code, long repeats, long firstEpochMillis,
            long lastEpochMillis) implements AuditRecord {
        public OrderBlockedSummary {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(code, "code");
            if (repeats < 1) {
                throw new IllegalArgumentException("repeats must be >= 1, was " + repeats);
            }
        }
    }
}
