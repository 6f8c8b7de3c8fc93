package io.aria.core;

import java.util.Objects;

/**
 * One market observation for one symbol: best bid, best ask, traded volume and time.
 *
 * <p>A tick is a raw observation and may be wrong: the pipeline validates every tick before a
 * model sees it (finite positive prices, ask &ge; bid, known enabled symbol, time not going
 * backwards) and counts the reason of each rejection ({@link TickRejectReason}). The constructor
 * therefore only checks what makes the record unusable (a missing symbol).
 *
 * @param symbol     catalog symbol name, for example {@code EURUSD}
 * @param epochMillis time of the quote in milliseconds since the epoch, UTC
 * @param bid        best bid
 * @param ask        best ask
 * @param volume     volume traded or quoted with the tick (0 when unknown)
 */
public record Tick(String symbol, long epochMillis, double bid, double ask, double volume) {

    public Tick {
        Objects.requireNonNull(symbol, "symbol");
    }

    /** @return (bid + ask) / 2 */
    public double mid() {
        return (bid + ask) * 0.5;
    }

    /** @return ask - bid */
    public double spread() {
        return ask - bid;
    }

    /** @return the price a market order of the given side executes at: ask for buys, bid for sells */
    public double priceFor(Side side) {
        return side == Side.BUY ? ask : bid;
    }

    /**
     * Checks the tick's own values (not the symbol or time ordering, which need context).
     *
     * @return the first problem found, or {@code null} when prices and volume are sane
     */
    public TickRejectReason checkValues() {
        if (!Double.isFinite(bid) || !Double.isFinite(ask) || !Double.isFinite(volume)) {
            return TickRejectReason.NON_FINITE;
        }
        if (bid <= 0 || ask <= 0) {
            return TickRejectReason.NON_POSITIVE_PRICE;
        }
        if (ask < bid) {
            return TickRejectReason.CROSSED;
        }
        if (volume < 0) {
            return TickRejectReason.NEGATIVE_VOLUME;
        }
        return null;
    }
}
