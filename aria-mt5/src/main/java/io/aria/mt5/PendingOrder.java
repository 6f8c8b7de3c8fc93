package io.aria.mt5;

import java.util.Objects;

/**
 * A pending order on the account (PROTOCOL.md 5.10).
 *
 * @param ticket        order ticket
 * @param symbol        catalog symbol (the broker's name when it maps to none)
 * @param orderType     {@code ENUM_ORDER_TYPE} value
 * @param volumeInitial lots placed
 * @param volumeCurrent lots still pending
 * @param priceOpen     order price
 * @param stopLoss      stop-loss, 0 for none
 * @param takeProfit    take-profit, 0 for none
 * @param magic         expert id
 * @param comment       comment
 * @param epochMillis   UTC time placed
 */
public record PendingOrder(long ticket, String symbol, int orderType, double volumeInitial, double volumeCurrent,
        double priceOpen, double stopLoss, double takeProfit, long magic, String comment, long epochMillis) {

    public PendingOrder {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(comment, "comment");
    }
}
