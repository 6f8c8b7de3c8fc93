package io.aria.core;

import java.util.Objects;

/**
 * A market order as the gateway sends it.
 *
 * @param clientOrderId  unique id chosen by the client, at most 31 characters (it travels in
 *                       the MT5 order comment); a resend with the same id never opens a second
 *                       position
 * @param symbol         catalog symbol
 * @param side           buy or sell
 * @param volume         lots, &gt; 0
 * @param requestedPrice the price the client expects, &gt; 0 (ask for buys, bid for sells)
 * @param stopLoss       stop-loss price, 0 for none
 * @param takeProfit     take-profit price, 0 for none
 * @param maxDeviationPoints largest acceptable slippage in points, &gt;= 0
 * @param magic          expert id that marks the orders of this system, &gt;= 0
 * @param comment        free text for the broker, at most 31 characters
 * @param positionTicket the position this order reduces or closes (hedging accounts), 0 for none
 */
public record OrderRequest(
        String clientOrderId,
        String symbol,
        Side side,
        double volume,
        double requestedPrice,
        double stopLoss,
        double takeProfit,
        int maxDeviationPoints,
        long magic,
        String comment,
        long positionTicket) {

    /** Longest client order id and comment MT5 keeps. */
    public static final int MAX_COMMENT_LENGTH = 31;

    public OrderRequest {
        Values.text(clientOrderId, "clientOrderId");
        if (clientOrderId.length() > MAX_COMMENT_LENGTH) {
            throw new IllegalArgumentException("clientOrderId must have at most " + MAX_COMMENT_LENGTH
                    + " characters, was " + clientOrderId.length() + ": '" + clientOrderId + "'");
        }
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Values.positive(volume, "volume");
        Values.positive(requestedPrice, "requestedPrice");
        Values.nonNegative(stopLoss, "stopLoss");
        Values.nonNegative(takeProfit, "takeProfit");
        if (maxDeviationPoints < 0) {
            throw new IllegalArgumentException("maxDeviationPoints must be >= 0, was " + maxDeviationPoints);
        }
        if (magic < 0) {
            throw new IllegalArgumentException("magic must be >= 0, was " + magic);
        }
        Objects.requireNonNull(comment, "comment");
        if (comment.length() > MAX_COMMENT_LENGTH) {
            throw new IllegalArgumentException("comment must have at most " + MAX_COMMENT_LENGTH
                    + " characters, was " + comment.length() + ": '" + comment + "'");
        }
        if (positionTicket < 0) {
            throw new IllegalArgumentException("positionTicket must be >= 0, was " + positionTicket);
        }
    }

    /**
     * A plain market order with no stops, deviation 10 points, magic 0, the id as comment.
     *
     * @param clientOrderId id
     * @param symbol        symbol
     * @param side          side
     * @param volume        lots
     * @param price         expected price
     * @return the request
     */
    public static OrderRequest market(String clientOrderId, String symbol, Side side, double volume, double price) {
        return new OrderRequest(clientOrderId, symbol, side, volume, price, 0, 0, 10, 0, clientOrderId, 0);
    }

    /**
     * @param sl new stop-loss
     * @param tp new take-profit
     * @return a copy with other stops
     */
    public OrderRequest withStops(double sl, double tp) {
        return new OrderRequest(clientOrderId, symbol, side, volume, requestedPrice, sl, tp, maxDeviationPoints, magic,
                comment, positionTicket);
    }

    /**
     * @param ticket the position this order closes
     * @return a copy that closes or reduces that position
     */
    public OrderRequest closing(long ticket) {
        return new OrderRequest(clientOrderId, symbol, side, volume, requestedPrice, stopLoss, takeProfit,
                maxDeviationPoints, magic, comment, ticket);
    }
}
