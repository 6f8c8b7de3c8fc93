package io.aria.mt5;

/**
 * Execution quality of an {@link Mt5Gateway} so far: counts, round-trip latency from hand-off to
 * outcome, and slippage in points (positive = worse for the client).
 *
 * @param submitted          orders handed to the gateway
 * @param filled             filled in full or in part
 * @param rejected           refused by the gateway's checks or the broker
 * @param unknown            outcomes reported UNKNOWN (later resolved by reconciliation)
 * @param priceRetries       resends after a requote or price change
 * @param latencyP50Micros   median round trip of orders with a reply, microseconds
 * @param latencyP99Micros   99th percentile, microseconds
 * @param latencyMaxMicros   largest, microseconds
 * @param meanSlippagePoints mean slippage of fills, points
 * @param maxSlippagePoints  worst slippage of a fill, points
 */
public record OrderStatistics(long submitted, long filled, long rejected, long unknown, long priceRetries,
        double latencyP50Micros, double latencyP99Micros, double latencyMaxMicros, double meanSlippagePoints,
        double maxSlippagePoints) {
}
