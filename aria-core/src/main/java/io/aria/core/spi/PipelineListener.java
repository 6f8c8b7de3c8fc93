package io.aria.core.spi;

import io.aria.core.ClosedTrade;
import io.aria.core.Decision;
import io.aria.core.ExecutionReport;
import io.aria.core.OrderIntent;
import io.aria.core.Tick;
import io.aria.core.TradeEvent;
import io.aria.core.Verdict;

/**
 * Observes the pipeline: analytics, dashboards, metrics. Called on the event-loop thread; must be
 * quick and must not block. An exception is logged and counted and never stops the pipeline.
 */
public interface PipelineListener {

    /**
     * Every valid tick the pipeline accepted, after its own currency converter, positions, guards
     * and sizer have seen it and before the ensemble decides on it: the quotes the risk layer's
     * {@link PortfolioView#toAccountCurrency} uses. Runs on quiet ticks, so it must not allocate,
     * block or log. The default does nothing.
     *
     * @param tick the tick
     */
    default void onTick(Tick tick) {
    }

    /** @param decision every decision the ensemble emitted */
    default void onDecision(Decision decision) {
    }

    /**
     * @param report    an order's outcome
     * @param intent    the intent behind the order (with the decision and its attribution)
     */
    default void onExecution(ExecutionReport report, OrderIntent intent) {
    }

    /**
     * An intent was stopped by a risk guard or the kill switch. Called for every blocked intent
     * (the audit writes only the first of an episode), so keep it cheap.
     *
     * @param intent      the intent that did not go
     * @param verdict     the rejection, with its reason code and message
     * @param epochMillis the pipeline's time
     */
    default void onBlocked(OrderIntent intent, Verdict verdict, long epochMillis) {
    }

    /** @param event a broker-side position change */
    default void onTradeEvent(TradeEvent event) {
    }

    /**
     * A position, or part of one, was closed: one call per closing deal (signal exits, manual
     * closes, flatten, emergency stop, stop-loss, take-profit, stop-out, closes outside the
     * pipeline), with entry and exit, realised profit, excursions, the exit reason and the
     * decision that opened it. The same record the audit writes as {@code trade_closed}.
     *
     * @param trade the closed trade
     */
    default void onTradeClosed(ClosedTrade trade) {
    }

    /**
     * A symbol's trade is over: its position is flat again, with the profit of all its closes
     * added up. Called only for trades the pipeline opened (it knows their entry decision); for
     * every closing deal see {@link #onTradeClosed(ClosedTrade)}.
     *
     * @param symbol    symbol
     * @param entry     the decision that opened it
     * @param profit    realised profit in the account currency
     * @param epochMillis when
     */
    default void onTradeClosed(String symbol, Decision entry, double profit, long epochMillis) {
    }

    /**
     * @param equity      current equity
     * @param epochMillis when (called at most once per simulated second)
     */
    default void onEquity(double equity, long epochMillis) {
    }
}
