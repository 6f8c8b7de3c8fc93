package io.aria.mt5;

import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.TradeReturnCode;
import io.aria.mt5.internal.CallbackFuture;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Mt5Gateway}'s idempotency by client order id: the request each id was first submitted
 * with, its first outcome (what {@code submit} answered) and its final one (the resolution of an
 * UNKNOWN). A resend gets the first outcome; the same id with other contents is a conflict
 * (PROTOCOL.md 9). Any thread.
 */
final class OrderTable {

    private static final Logger LOG = LoggerFactory.getLogger(Mt5Gateway.class);

    private final Mt5Connection conn;
    private final GatewayStats stats;
    private final ConcurrentHashMap<String, CompletableFuture<ExecutionReport>> outcomes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<ExecutionReport>> resolutions = new ConcurrentHashMap<>();
    /** The request each known client order id was first submitted with: a different one under that id is a conflict. */
    private final ConcurrentHashMap<String, OrderRequest> requests = new ConcurrentHashMap<>();

    OrderTable(Mt5Connection conn, GatewayStats stats) {
        this.conn = conn;
        this.stats = stats;
    }

    /**
     * Admits a submitted request under its id with {@code f} as its first outcome.
     *
     * @return null when the order is new and must be sent; else the answer to give now (a resend's
     *     first outcome, or a conflict's refusal)
     */
    CompletionStage<ExecutionReport> admit(OrderRequest request, CompletableFuture<ExecutionReport> f, long start) {
        OrderRequest known = requests.putIfAbsent(request.clientOrderId(), request);
        if (known != null && !sameOrder(known, request)) {
            return conflict(request, known, start);
        }
        CompletableFuture<ExecutionReport> first = outcomes.putIfAbsent(request.clientOrderId(), f);
        if (first != null) {
            return first.copy();
        }
        resolutions.put(request.clientOrderId(), new CallbackFuture<>(conn.callbackExecutor()));
        return null;
    }

    /**
     * Whether two requests under one client order id are the same order (a resend) rather than two
     * orders: same symbol, side, volume and position ticket. Prices, stops and deviation may differ
     * (a resend carries a fresh price).
     */
    static boolean sameOrder(OrderRequest a, OrderRequest b) {
        return a.symbol().equals(b.symbol()) && a.side() == b.side() && Math.abs(a.volume() - b.volume()) < 1e-9
                && a.positionTicket() == b.positionTicket();
    }

    static String describeOrder(OrderRequest r) {
        return r.symbol() + " " + r.side() + " " + r.volume() + (r.positionTicket() > 0 ? " closing position "
                + r.positionTicket() : "");
    }

    /**
     * A known id with other contents: refused, never answered with the other order's outcome
     * (PROTOCOL.md 9). The report is REJECTED; its return code is that of the id's first order
     * when that was refused (the id stays bound to that refusal, as the SPI's idempotency asks),
     * else {@link TradeReturnCode#REJECT}; its message says it is a conflict.
     */
    private CompletionStage<ExecutionReport> conflict(OrderRequest request, OrderRequest known, long start) {
        CompletableFuture<ExecutionReport> f = outcomes.get(request.clientOrderId());
        ExecutionReport first = f == null ? null : f.getNow(null);
        boolean firstRefused = first != null && first.status() == ExecutionStatus.REJECTED;
        String why = "client order id " + request.clientOrderId() + " conflicts: it is already used for "
                + describeOrder(known) + (firstRefused ? " (refused: " + first.message() + ")" : "")
                + ", this order is " + describeOrder(request) + "; not sent";
        LOG.warn("order refused: {}", why);
        stats.rejected();
        return CompletableFuture.completedFuture(ExecutionReport.notFilled(request, ExecutionStatus.REJECTED,
                firstRefused ? first.returnCode() : TradeReturnCode.REJECT, why, System.nanoTime() - start, conn.utcNow()));
    }

    /**
     * Registers an order an earlier process sent, to be resolved by reconciliation.
     *
     * @return its final outcome, and whether it was registered now (false: the id was known)
     */
    Recovered recover(String id) {
        CompletableFuture<ExecutionReport> known = resolutions.get(id);
        if (known != null) {
            return new Recovered(known, false);
        }
        CompletableFuture<ExecutionReport> last = new CallbackFuture<>(conn.callbackExecutor());
        CompletableFuture<ExecutionReport> prior = resolutions.putIfAbsent(id, last);
        if (prior != null) {
            return new Recovered(prior, false);
        }
        outcomes.putIfAbsent(id, new CallbackFuture<>(conn.callbackExecutor()));
        return new Recovered(last, true);
    }

    /** The final outcome of an earlier process's order, and whether this call registered it. */
    record Recovered(CompletableFuture<ExecutionReport> last, boolean isNew) {
    }

    /** Undoes a {@link #recover} whose order could not be handed to the I/O thread. */
    void forgetRecovery(String id, CompletableFuture<ExecutionReport> last) {
        resolutions.remove(id, last);
    }

    Optional<CompletableFuture<ExecutionReport>> resolution(String id) {
        return Optional.ofNullable(resolutions.get(id));
    }

    CompletableFuture<ExecutionReport> first(String id) {
        return outcomes.get(id);
    }

    CompletableFuture<ExecutionReport> last(String id) {
        return resolutions.get(id);
    }

    /** A finished order leaves the tables (memory stays bounded in long runs). */
    void forget(String id) {
        outcomes.remove(id);
        resolutions.remove(id);
        requests.remove(id);
    }
}
