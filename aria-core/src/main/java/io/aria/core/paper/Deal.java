package io.aria.core.paper;

import io.aria.core.Side;
import java.util.Objects;

/**
 * One deal of a {@link SimulatedAccount}: an order's fill, or a close the broker made (SL, TP,
 * stop-out, by hand). Immutable; the account keeps the recent ones as its history.
 *
 * @param ticket         deal ticket, &gt; 0, increasing
 * @param orderTicket    ticket of the order that made the deal (a broker-side close has its own), &gt; 0
 * @param positionTicket the position's ticket when the deal was made (after a netting reversal:
 *                       the reversing order's ticket, as MT5's {@code POSITION_TICKET}), &gt; 0
 * @param positionId     the position's identifier: the ticket of the order that first opened it,
 *                       unchanged by a reversal (MT5's {@code DEAL_POSITION_ID}), &gt; 0
 * @param symbol         catalog symbol
 * @param side           side of the deal (a long's close is a SELL)
 * @param entry          in, out or in-out (a netting reversal)
 * @param reason         why the deal was made
 * @param volume         lots, &gt; 0
 * @param price          price, &gt; 0
 * @param profit         realised profit in the account currency (0 for an entry)
 * @param commission     commission charged, &gt;= 0, in the account currency
 * @param magic          expert id of the order, or of the position for a broker-side close
 * @param comment        the order's comment; for a broker-side close {@code [sl 1.085]},
 *                       {@code [tp ...]}, {@code [so ...]} or empty
 * @param clientOrderId  the client order id of the order that opened the position (for an
 *                       {@link Entry#IN} deal: this order's)
 * @param volumeAfter    lots left in the position after the deal, 0 when it closed
 * @param epochMillis    UTC time of the deal
 */
public record Deal(long ticket, long orderTicket, long positionTicket, long positionId, String symbol, Side side,
        Entry entry, Reason reason, double volume, double price, double profit, double commission, long magic,
        String comment, String clientOrderId, double volumeAfter, long epochMillis) {

    /** Whether a deal opens, closes or reverses exposure. */
    public enum Entry {
        /** Opens a position or adds to it. */
        IN,
        /** Reduces or closes a position. */
        OUT,
        /** Closes a netting position and opens the rest the other way. */
        INOUT
    }

    /** Who made the deal (MT5's {@code DEAL_REASON}). */
    public enum Reason {
        /** An order submitted to the account. */
        ORDER,
        /** Closed by hand, outside any program. */
        CLIENT,
        /** The stop-loss triggered. */
        STOP_LOSS,
        /** The take-profit triggered. */
        TAKE_PROFIT,
        /** Closed for lack of margin. */
        STOP_OUT
    }

    public Deal {
        if (ticket <= 0 || orderTicket <= 0 || positionTicket <= 0 || positionId <= 0) {
            throw new IllegalArgumentException("ticket, orderTicket, positionTicket and positionId must be > 0, were "
                    + ticket + ", " + orderTicket + ", " + positionTicket + ", " + positionId);
        }
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        if (!(volume > 0) || !Double.isFinite(volume)) {
            throw new IllegalArgumentException("volume must be finite and > 0, was " + volume);
        }
        if (!(price > 0) || !Double.isFinite(price)) {
            throw new IllegalArgumentException("price must be finite and > 0, was " + price);
        }
        if (!Double.isFinite(profit)) {
            throw new IllegalArgumentException("profit must be finite, was " + profit);
        }
        if (!(commission >= 0) || !Double.isFinite(commission)) {
            throw new IllegalArgumentException("commission must be finite and >= 0, was " + commission);
        }
        if (!(volumeAfter >= 0) || !Double.isFinite(volumeAfter)) {
            throw new IllegalArgumentException("volumeAfter must be finite and >= 0, was " + volumeAfter);
        }
    }
}
