package io.aria.core;

import java.util.Objects;

/**
 * The outcome of one {@link OrderRequest}.
 *
 * @param clientOrderId   the request's id
 * @param symbol          catalog symbol
 * @param side            buy or sell
 * @param status          outcome
 * @param orderTicket     broker's order ticket, 0 when none
 * @param dealTicket      broker's deal ticket, 0 when nothing traded
 * @param positionTicket  the position opened, changed or closed, 0 when none
 * @param requestedVolume lots asked for, &gt; 0
 * @param filledVolume    lots traded, in [0, requestedVolume]
 * @param requestedPrice  price expected, &gt; 0
 * @param fillPrice       average price traded, 0 when nothing traded
 * @param slippage        adverse price difference (fill - requested for buys, requested - fill
 *                        for sells); positive is worse for the client, 0 when nothing traded
 * @param latencyNanos    from hand-off to the gateway until the outcome, &gt;= 0
 * @param returnCode      MT5 return code ({@link TradeReturnCode})
 * @param message         broker's or gateway's words about the outcome
 * @param epochMillis     time the outcome was known (broker time converted to UTC when live)
 */
public record ExecutionReport(
        String clientOrderId,
        String symbol,
        Side side,
        ExecutionStatus status,
        long orderTicket,
        long dealTicket,
        long positionTicket,
        double requestedVolume,
        double filledVolume,
        double requestedPrice,
        double fillPrice,
        double slippage,
        long latencyNanos,
        int returnCode,
        String message,
        long epochMillis) {

    public ExecutionReport {
        Values.text(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(status, "status");
        Values.positive(requestedVolume, "requestedVolume");
        Values.inRange(filledVolume, 0, requestedVolume + 1e-9, "filledVolume");
        Values.positive(requestedPrice, "requestedPrice");
        Values.nonNegative(fillPrice, "fillPrice");
        Values.finite(slippage, "slippage");
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latencyNanos must be >= 0, was " + latencyNanos);
        }
        Objects.requireNonNull(message, "message");
        if (status.isFill() && !(filledVolume > 0 && fillPrice > 0)) {
            throw new IllegalArgumentException("a " + status + " report needs filledVolume > 0 and fillPrice > 0, was "
                    + filledVolume + " @ " + fillPrice);
        }
        if (!status.isFill() && filledVolume != 0) {
            throw new IllegalArgumentException("a " + status + " report must have filledVolume 0, was " + filledVolume);
        }
    }

    /**
     * A report of a request that traded nothing.
     *
     * @param request      the request
     * @param status       REJECTED, ERROR or UNKNOWN
     * @param returnCode   MT5 return code
     * @param message      why
     * @param latencyNanos time taken
     * @param epochMillis  when
     * @return the report
     */
    public static ExecutionReport notFilled(OrderRequest request, ExecutionStatus status, int returnCode,
            String message, long latencyNanos, long epochMillis) {
        if (status.isFill()) {
            throw new IllegalArgumentException("status must not be a fill, was " + status);
        }
        return new ExecutionReport(request.clientOrderId(), request.symbol(), request.side(), status, 0, 0,
                request.positionTicket(), request.volume(), 0, request.requestedPrice(), 0, 0, latencyNanos,
                returnCode, message, epochMillis);
    }

    /**
     * @param point the symbol's point size
     * @return slippage in points
     */
    public double slippagePoints(double point) {
        return slippage / point;
    }
}
