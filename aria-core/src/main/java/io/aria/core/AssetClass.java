package io.aria.core;

/** The four asset classes of the catalog. Each has its own leverage and position limits. */
public enum AssetClass {
    FOREX,
    COMMODITY,
    INDEX,
    CRYPTO
}
