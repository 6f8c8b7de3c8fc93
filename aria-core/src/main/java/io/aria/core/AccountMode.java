package io.aria.core;

/**
 * How an account books positions (MT5's {@code ACCOUNT_MARGIN_MODE}). The one representation of
 * netting versus hedging in ARIA: the paper broker, the simulated account, the simulated MT5
 * terminal, the MT5 handshake and the gateway contract all use it.
 */
public enum AccountMode {
    /**
     * One position per symbol: a same-side order adds to it (volume-weighted entry), an opposite
     * order reduces, closes or reverses it. MT5's retail netting; its exchange mode books
     * positions the same way and is read as this.
     */
    NETTING,
    /** A position per opening fill; an order naming a position ticket reduces or closes that one. */
    HEDGING
}
