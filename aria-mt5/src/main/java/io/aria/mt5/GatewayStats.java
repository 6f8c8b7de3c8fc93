package io.aria.mt5;

import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import java.util.Arrays;

/** A {@link Mt5Gateway}'s counts, latencies and slippage; any thread (guarded by this). */
final class GatewayStats {

    private static final int LATENCY_WINDOW = 8192;

    private long submitted;
    private long filled;
    private long rejected;
    private long unknown;
    private long priceRetries;
    private final long[] latencies = new long[LATENCY_WINDOW];
    private int latencyCount;
    private double slippageSum;
    private double slippageMax;

    synchronized void submitted() {
        submitted++;
    }

    synchronized void rejected() {
        rejected++;
    }

    synchronized void unknown() {
        unknown++;
    }

    synchronized void priceRetry() {
        priceRetries++;
    }

    /** @param points a fill's slippage in points (positive: worse than requested) */
    synchronized void slippage(double points) {
        slippageSum += points;
        slippageMax = Math.max(slippageMax, points);
    }

    /** Counts an order's final outcome; its latency only when it was neither UNKNOWN first nor an ERROR. */
    synchronized void finished(ExecutionReport report, boolean wasUnknown) {
        if (report.status().isFill()) {
            filled++;
        } else if (report.status() == ExecutionStatus.REJECTED) {
            rejected++;
        }
        if (!wasUnknown && report.status() != ExecutionStatus.ERROR) {
            latencies[latencyCount++ % LATENCY_WINDOW] = report.latencyNanos();
        }
    }

    synchronized OrderStatistics snapshot() {
        int n = Math.min(latencyCount, LATENCY_WINDOW);
        long[] l = Arrays.copyOf(latencies, n);
        Arrays.sort(l);
        double p50 = n == 0 ? 0 : l[(int) Math.min(n - 1, Math.ceil(0.50 * n) - 1)] / 1000.0;
        double p99 = n == 0 ? 0 : l[(int) Math.min(n - 1, Math.ceil(0.99 * n) - 1)] / 1000.0;
        double max = n == 0 ? 0 : l[n - 1] / 1000.0;
        return new OrderStatistics(submitted, filled, rejected, unknown, priceRetries, p50, p99, max,
                filled == 0 ? 0 : slippageSum / filled, slippageMax);
    }
}
