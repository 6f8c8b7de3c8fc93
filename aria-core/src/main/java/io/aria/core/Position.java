package io.aria.core;

import java.util.Objects;

/**
 * An open position.
 *
 * @param ticket        broker's position ticket, &gt; 0
 * @param symbol        catalog symbol
 * @param side          BUY for long, SELL for short
 * @param volume        lots, &gt; 0
 * @param openPrice     average entry price, &gt; 0
 * @param openEpochMillis when it was opened
 * @param stopLoss      stop-loss price, 0 for none
 * @param takeProfit    take-profit price, 0 for none
 * @param currentPrice  price it is marked at (bid for longs, ask for shorts), &gt; 0
 * @param profit        unrealised profit in the account currency
 * @param clientOrderId id of the order that opened it ("" when opened outside ARIA)
 * @param magic         expert id of the order that opened it
 */
public record Position(
        long ticket,
        String symbol,
        Side side,
        double volume,
        double openPrice,
        long openEpochMillis,
        double stopLoss,
        double takeProfit,
        double currentPrice,
        double profit,
        String clientOrderId,
        long magic) {

    public Position {
        if (ticket <= 0) {
            throw new IllegalArgumentException("ticket must be > 0, was " + ticket);
        }
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Values.positive(volume, "volume");
        Values.positive(openPrice, "openPrice");
        Values.nonNegative(stopLoss, "stopLoss");
        Values.nonNegative(takeProfit, "takeProfit");
        Values.positive(currentPrice, "currentPrice");
        Values.finite(profit, "profit");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
    }

    /** @return +volume for longs, -volume for shorts */
    public double signedVolume() {
        return side.sign() * volume;
    }
}
