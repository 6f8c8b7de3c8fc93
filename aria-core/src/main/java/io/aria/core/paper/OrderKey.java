package io.aria.core.paper;

import io.aria.core.OrderRequest;
import io.aria.core.Side;
import java.util.Objects;

/**
 * What makes an order the same order under one client order id (aria-mt5 PROTOCOL.md section 9,
 * <em>Conflicts</em>): a resend has the same key; prices, stops, deviation, magic and deadline may
 * differ (a resend after a requote carries a fresh price). A known id with another key is a
 * conflict, never a duplicate.
 *
 * @param close          true for a request that closes a named position ({@code close} on the
 *                       bridge), false for an order
 * @param symbol         catalog symbol of an order; empty for a close
 * @param side           side of an order; {@code null} for a close
 * @param volume         lots asked for, &gt;= 0 (a close's 0 means "all of it" and is its own value)
 * @param positionTicket the position the request names, 0 for none
 */
public record OrderKey(boolean close, String symbol, Side side, double volume, long positionTicket) {

    public OrderKey {
        Objects.requireNonNull(symbol, "symbol");
        if (close ? side != null || !symbol.isEmpty() : side == null || symbol.isEmpty()) {
            throw new IllegalArgumentException("an order needs a symbol and a side, a close neither; was close="
                    + close + ", symbol '" + symbol + "', side " + side);
        }
        if (!(volume >= 0) || !Double.isFinite(volume)) {
            throw new IllegalArgumentException("volume must be finite and >= 0, was " + volume);
        }
        if (positionTicket < 0 || (close && positionTicket == 0)) {
            throw new IllegalArgumentException("positionTicket must be >= 0 (> 0 for a close), was " + positionTicket);
        }
    }

    /**
     * @param request an order
     * @return its key: symbol, side, volume and position ticket
     */
    public static OrderKey of(OrderRequest request) {
        return new OrderKey(false, request.symbol(), request.side(), request.volume(), request.positionTicket());
    }

    /**
     * @param positionTicket the position to close, &gt; 0
     * @param volume         lots to close, 0 for all of it
     * @return the key of a close request
     */
    public static OrderKey close(long positionTicket, double volume) {
        return new OrderKey(true, "", null, volume, positionTicket);
    }

    /**
     * @param other another key under the same client order id
     * @return whether the two are one order (a resend): same type, symbol, side, position and a
     *     volume equal within 1e-9 lots
     */
    public boolean sameOrder(OrderKey other) {
        return close == other.close && symbol.equals(other.symbol) && side == other.side
                && Math.abs(volume - other.volume) < 1e-9 && positionTicket == other.positionTicket;
    }

    /** @return for messages, for example {@code EURUSD BUY 0.1} or {@code close of position 7 (all of it)} */
    public String describe() {
        return close ? "close of position " + positionTicket + " (" + (volume > 0 ? volume + " lots" : "all of it") + ")"
                : symbol + " " + side + " " + volume + (positionTicket > 0 ? " on position " + positionTicket : "");
    }
}
