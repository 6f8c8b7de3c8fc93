package io.aria.core.live;

import io.aria.core.ClosedTrade;
import io.aria.core.ExecutionReport;
import io.aria.core.KillSwitch;
import io.aria.core.OrderIntent;
import io.aria.core.Side;
import java.util.Objects;

/**
 * Something an operator watching a live pipeline wants to see at once, as {@link LiveEvents}
 * publishes it: an order's outcome, a blocked intent, a closed trade, a kill-switch or
 * connection change, a control action. Immutable.
 */
public sealed interface LiveEvent {

    /** @return the event's type name, for example {@code execution} (the stream's event name) */
    String type();

    /** @return when, in the pipeline's time (connection changes: wall time) */
    long epochMillis();

    /**
     * An order's outcome (fills, partial fills, rejections).
     *
     * @param report the broker's report
     * @param origin who wanted the order (signal or control)
     */
    record Execution(ExecutionReport report, OrderIntent.Origin origin) implements LiveEvent {
        public Execution {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(origin, "origin");
        }

        @Override
        public String type() {
            return "execution";
        }

        @Override
        public long epochMillis() {
            return report.epochMillis();
        }
    }

    /**
     * An intent stopped by a risk guard or the kill switch.
     *
     * @param symbol      symbol
     * @param side        side
     * @param volume      lots asked for
     * @param code        the rule's reason code
     * @param message     why
     * @param epochMillis when
     */
    record Blocked(String symbol, Side side, double volume, String code, String message, long epochMillis)
            implements LiveEvent {
        public Blocked {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String type() {
            return "blocked";
        }
    }

    /**
     * A position, or part of one, closed.
     *
     * @param trade the closed trade
     */
    record TradeClosed(ClosedTrade trade) implements LiveEvent {
        public TradeClosed {
            Objects.requireNonNull(trade, "trade");
        }

        @Override
        public String type() {
            return "trade_closed";
        }

        @Override
        public long epochMillis() {
            return trade.exitEpochMillis();
        }
    }

    /**
     * The kill switch changed.
     *
     * @param state its new state
     */
    record KillSwitchChanged(KillSwitch.State state) implements LiveEvent {
        public KillSwitchChanged {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public String type() {
            return "kill_switch";
        }

        @Override
        public long epochMillis() {
            return state.epochMillis();
        }
    }

    /**
     * The gateway's connection changed.
     *
     * @param previous    the state before
     * @param current     the state now
     * @param reason      why
     * @param epochMillis when (wall time)
     */
    record ConnectionChanged(GatewayConnection.State previous, GatewayConnection.State current, String reason,
            long epochMillis) implements LiveEvent {
        public ConnectionChanged {
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(current, "current");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String type() {
            return "connection";
        }
    }

    /**
     * A control action taken through {@link LiveExecution} (also in the audit).
     *
     * @param action      for example {@code SYMBOL_DISABLED}, {@code EMERGENCY_STOP}
     * @param by          its origin, for example {@code api:127.0.0.1}
     * @param detail      what and why
     * @param epochMillis when (wall time)
     */
    record Control(String action, String by, String detail, long epochMillis) implements LiveEvent {
        public Control {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String type() {
            return "control";
        }
    }
}
