package io.aria.mt5;

import io.aria.core.OrderRequest;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradeReturnCode;
import io.aria.mt5.internal.OpenPosition;

/**
 * The checks a {@link Mt5Gateway} makes before sending an order: the broker offers the symbol,
 * the order is of this client's magic and touches no other client's position, the symbol's trade
 * mode allows it, and its volume and stops fit the broker's spec. I/O thread.
 */
final class OrderChecks {

    /** Why an order was refused before sending, with the return code to report. */
    record Refusal(int code, String why) {
    }

    private OrderChecks() {
    }

    /**
     * Checks an order and sets its {@link OrderTask#broker}.
     *
     * @return null when it may be sent
     */
    static Refusal check(Mt5Connection conn, GatewayBook book, long magic, OrderTask t) {
        OrderRequest r = t.request;
        BrokerSymbol b = conn.session().flatMap(s -> s.symbol(r.symbol())).orElse(null);
        if (b == null) {
            return new Refusal(TradeReturnCode.INVALID, "symbol " + r.symbol() + " is not offered by the broker");
        }
        t.broker = b;
        Refusal scope = scope(book, magic, r);
        if (scope != null) {
            return scope;
        }
        Refusal mode = tradeMode(b, r);
        if (mode != null) {
            return mode;
        }
        if (!b.isValidVolume(r.volume())) {
            return new Refusal(TradeReturnCode.INVALID_VOLUME, "volume " + r.volume() + " is not in [" + b.volumeMin()
                    + ", " + b.volumeMax() + "] in steps of " + b.volumeStep());
        }
        return stops(b, r, book.quote(r.symbol()));
    }

    /** Magic scoping: this client's orders only, on its own positions only. */
    private static Refusal scope(GatewayBook book, long magic, OrderRequest r) {
        if (r.magic() != 0 && r.magic() != magic) {
            return new Refusal(TradeReturnCode.INVALID, "magic " + r.magic() + " is not this gateway's magic " + magic
                    + " (Mt5Config.magic): its position would not be in this gateway's book; give the pipeline and the"
                    + " Mt5Config the same magic");
        }
        if (r.positionTicket() > 0) {
            OpenPosition p = book.get(r.positionTicket());
            if (p != null && p.magic != magic) {
                return new Refusal(TradeReturnCode.INVALID, "position " + p.ticket + " belongs to magic " + p.magic
                        + ", not to this gateway's magic " + magic + ": a client closes only its own positions");
            }
            if (p != null && (!p.symbol.equals(r.symbol()) || p.side == r.side())) {
                return new Refusal(TradeReturnCode.INVALID, r.side() + " " + r.symbol() + " cannot close position "
                        + p.ticket + " (" + p.side + " " + p.symbol + "): a close is the opposite side of the same symbol");
            }
        } else if (book.netting()) {
            for (OpenPosition p : book.all()) {
                if (p.symbol.equals(r.symbol()) && p.magic != magic) {
                    return new Refusal(TradeReturnCode.INVALID, "netting account: the " + r.symbol() + " position "
                            + p.ticket + " belongs to magic " + p.magic + "; an order of magic " + magic
                            + " would change it (clients sharing a netting account must trade different symbols)");
                }
            }
        }
        return null;
    }

    private static Refusal tradeMode(BrokerSymbol b, OrderRequest r) {
        boolean closing = r.positionTicket() > 0;
        switch (b.tradeMode()) {
            case BrokerSymbol.TRADE_MODE_DISABLED:
                return new Refusal(TradeReturnCode.TRADE_DISABLED, "trading " + b.brokerName() + " is disabled");
            case BrokerSymbol.TRADE_MODE_CLOSE_ONLY:
                return closing ? null : new Refusal(TradeReturnCode.TRADE_DISABLED, b.brokerName() + " is close-only");
            case BrokerSymbol.TRADE_MODE_LONG_ONLY:
                return closing || r.side() != Side.SELL ? null
                        : new Refusal(TradeReturnCode.TRADE_DISABLED, b.brokerName() + " is long-only");
            case BrokerSymbol.TRADE_MODE_SHORT_ONLY:
                return closing || r.side() != Side.BUY ? null
                        : new Refusal(TradeReturnCode.TRADE_DISABLED, b.brokerName() + " is short-only");
            default:
                return null;
        }
    }

    /** As MT5 does: a buy's stops are measured from the bid, a sell's from the ask, at least a point away. */
    private static Refusal stops(BrokerSymbol b, OrderRequest r, Tick q) {
        double ref = q == null ? r.requestedPrice() : r.side() == Side.BUY ? q.bid() : q.ask();
        double min = Math.max(b.minStopDistance(), b.point()) - b.point() * 1e-6;
        int sign = r.side().sign();
        if (r.stopLoss() > 0 && sign * (ref - r.stopLoss()) < min) {
            return new Refusal(TradeReturnCode.INVALID_STOPS, "stopLoss " + r.stopLoss() + " must be "
                    + Math.max(1, b.stopsLevel()) + " points or more " + (sign > 0 ? "below the bid " : "above the ask ") + ref);
        }
        if (r.takeProfit() > 0 && sign * (r.takeProfit() - ref) < min) {
            return new Refusal(TradeReturnCode.INVALID_STOPS, "takeProfit " + r.takeProfit() + " must be "
                    + Math.max(1, b.stopsLevel()) + " points or more " + (sign > 0 ? "above the bid " : "below the ask ") + ref);
        }
        return null;
    }
}
