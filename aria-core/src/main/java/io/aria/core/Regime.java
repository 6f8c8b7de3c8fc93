package io.aria.core;

/** The market regime a symbol is in; the ensemble weighs its models by it. */
public enum Regime {
    /** Prices move persistently in one direction. */
    TREND,
    /** Prices oscillate around a level. */
    RANGE,
    /** Volatility expands out of a quiet stretch. */
    BREAKOUT
}
