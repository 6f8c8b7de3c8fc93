/**
 * Ready-made {@link io.aria.core.spi.TickSource}s: {@link io.aria.core.source.SyntheticTickSource}
 * (correlated random walks of the catalog's assets) and {@link io.aria.core.source.CsvTickSource}
 * (replay of MetaTrader 5, HistData and plain CSV tick files). The shortcuts
 * {@link io.aria.core.spi.TickSource#synthetic(long)} and
 * {@link io.aria.core.spi.TickSource#replay(java.nio.file.Path...)} build them with defaults.
 */
package io.aria.core.source;
