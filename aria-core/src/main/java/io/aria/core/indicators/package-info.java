/**
 * Streaming technical indicators on primitive ring buffers: each update is O(1) (amortised for
 * the rolling extremes and the periodic exact recomputation) and allocates nothing.
 *
 * <p>Each instance follows one series (one symbol); per-symbol state is an array of instances
 * created once up front. None of the types is thread-safe: each is updated by one thread, the
 * pipeline's event loop.
 *
 * <p>Conventions, chosen to match ta4j so it can serve as an oracle: exponential averages are
 * seeded with the first value; the average true range is Wilder's (smoothing 1/n) over a true
 * range whose first value is high &minus; low; deviations are population deviations (divide by n).
 */
package io.aria.core.indicators;
