package io.aria.core;

import java.util.Objects;

/**
 * Something that changed a position on the broker's side without an order of the pipeline's:
 * a stop-loss or take-profit hit, a stop-out, a manual close in the terminal, or a fill reported
 * late (after an UNKNOWN outcome was resolved).
 *
 * @param kind           what happened
 * @param symbol         catalog symbol
 * @param positionTicket the position, &gt; 0
 * @param dealTicket     broker's deal ticket, 0 when unknown
 * @param side           side of the deal (SELL closes a long)
 * @param volume         lots dealt, &gt; 0
 * @param price          deal price, &gt; 0
 * @param profit         realised profit of the deal in the account currency
 * @param clientOrderId  the client order id the deal belongs to, "" when none
 * @param epochMillis    when
 */
public record TradeEvent(
        Kind kind,
        String symbol,
        long positionTicket,
        long dealTicket,
        Side side,
        double volume,
        double price,
        double profit,
        String clientOrderId,
        long epochMillis) {

    /** The kinds of broker-side events. */
    public enum Kind {
        /** The stop-loss closed the position. */
        STOP_LOSS,
        /** The take-profit closed the position. */
        TAKE_PROFIT,
        /** The broker closed the position for lack of margin. */
        STOP_OUT,
        /** Closed outside the pipeline (by hand in the terminal, or another program). */
        CLOSED_EXTERNALLY,
        /** A fill that the pipeline learns of late, after an UNKNOWN outcome. */
        LATE_FILL
    }

    public TradeEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(symbol, "symbol");
        if (positionTicket <= 0) {
            throw new IllegalArgumentException("positionTicket must be > 0, was " + positionTicket);
        }
        Objects.requireNonNull(side, "side");
        Values.positive(volume, "volume");
        Values.positive(price, "price");
        Values.finite(profit, "profit");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
    }
}
