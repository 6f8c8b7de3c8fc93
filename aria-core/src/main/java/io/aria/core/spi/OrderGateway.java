package io.aria.core.spi;

import io.aria.core.AccountSnapshot;
import io.aria.core.ExecutionReport;
import io.aria.core.OrderRequest;
import io.aria.core.Position;
import io.aria.core.Tick;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Sends orders to a broker (paper or MT5) and reports their outcomes.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #submit} never throws and never blocks for the broker: the returned stage always
 *       completes, with a report whose status says what happened (REJECTED with MT5's return
 *       code, ERROR, or UNKNOWN when the outcome cannot be known yet; an UNKNOWN outcome is
 *       later resolved by reconciliation and reported as a {@link io.aria.core.TradeEvent}).</li>
 *   <li>Idempotent by client order id: submitting an id again never opens a second position;
 *       the gateway answers with the first outcome.</li>
 *   <li>Broker-side changes (SL/TP hits, stop-outs, manual closes) go to the
 *       {@link TradeEventListener}.</li>
 *   <li>The stage may complete on any thread; {@link #positions()} and {@link #account()} are
 *       thread-safe snapshots.</li>
 * </ul>
 */
public interface OrderGateway extends AutoCloseable {

    /**
     * @param request the order
     * @return its outcome
     */
    CompletionStage<ExecutionReport> submit(OrderRequest request);

    /** @param listener receives broker-side position changes; replaces any earlier one */
    void setTradeEventListener(TradeEventListener listener);

    /**
     * Called by the pipeline with every valid tick, on the event loop. Simulated brokers fill
     * and trigger stops from it; live gateways ignore it.
     *
     * @param tick a valid tick
     */
    default void onTick(Tick tick) {
    }

    /**
     * How an order whose report was UNKNOWN was finally resolved, for gateways that reconcile.
     * The pipeline keeps the symbol closed to new entries until the resolution arrives.
     *
     * @param clientOrderId the id of an order reported UNKNOWN
     * @return the resolution (FILLED, PARTIALLY_FILLED or REJECTED), or empty when this gateway
     *     does not resolve outcomes (the pipeline then reopens the symbol at once)
     */
    default Optional<CompletionStage<ExecutionReport>> resolutionOf(String clientOrderId) {
        return Optional.empty();
    }

    /**
     * How an order handed to the broker by an <em>earlier process</em> ended: one whose
     * {@code order_submitted} record is in the audit without a final {@code order_completed}
     * (the process died between the send and the outcome). The pipeline calls it once per such
     * order when it starts, before any new order, and writes the answer to the audit.
     *
     * <p>A gateway that can ask the broker (MT5: {@code order_status} by client order id, which also
     * fences an id the broker never saw, so it can never trade later) answers FILLED,
     * PARTIALLY_FILLED or REJECTED, and completes the stage only once its {@link #positions()}
     * include whatever the order changed. The default asks {@link #resolutionOf}, so a gateway that
     * cannot resolve (a fresh paper broker) answers empty and the pipeline records the order as
     * UNKNOWN, saying it could not be resolved after the restart.
     *
     * @param request the order as the earlier process sent it (from its {@code order_submitted} record)
     * @return its resolution, or empty when this gateway cannot tell
     */
    default Optional<CompletionStage<ExecutionReport>> resolutionAfterRestart(OrderRequest request) {
        return resolutionOf(request.clientOrderId());
    }

    /**
     * Changes an open position's stop-loss and take-profit. The pipeline calls it on its loop
     * after auditing the change; programs call {@code TradingPipeline.modifyPosition}, never this.
     *
     * @param positionTicket the position
     * @param stopLoss       new stop-loss price, 0 for none
     * @param takeProfit     new take-profit price, 0 for none
     * @return the broker's return code ({@link io.aria.core.TradeReturnCode#DONE} on success);
     *     the default answers {@link io.aria.core.TradeReturnCode#INVALID}: not supported
     */
    default CompletionStage<Integer> modify(long positionTicket, double stopLoss, double takeProfit) {
        return java.util.concurrent.CompletableFuture.completedFuture(io.aria.core.TradeReturnCode.INVALID);
    }

    /**
     * Completes with the real account once the broker has reported it (a live gateway: after
     * its handshake). The pipeline takes its currency and leverage from this, never from a
     * placeholder, and sends no order before it completes.
     *
     * @return the account as first reported; the default completes at once with {@link #account()}
     */
    default CompletionStage<AccountSnapshot> ready() {
        return java.util.concurrent.CompletableFuture.completedFuture(account());
    }

    /** @return open positions as the broker sees them */
    List<Position> positions();

    /** @return the account as the broker sees it */
    AccountSnapshot account();

    /** @return a short name for logs */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Releases connections and threads. Idempotent. */
    @Override
    default void close() {
    }
}
