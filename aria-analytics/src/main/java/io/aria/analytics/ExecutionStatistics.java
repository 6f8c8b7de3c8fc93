package io.aria.analytics;

import static io.aria.core.Values.finite;
import static io.aria.core.Values.inRange;
import static io.aria.core.Values.nonNegative;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Execution quality: what happened to the orders sent, overall and per symbol.
 *
 * <p>Slippage is in points of the symbol ({@link io.aria.core.AssetSpec#point()}), positive is
 * worse for the client, recorded for fills only; a symbol missing from the catalog has no
 * slippage figures. Latency is {@link io.aria.core.ExecutionReport#latencyNanos()} of every
 * report. Both are kept in fixed-size logarithmic histograms: percentiles (nearest rank) are
 * within 2% of the exact value, minimum, maximum and mean are exact.
 *
 * <p>When the gateway is a simulation (the paper broker, the simulated MT5 terminal),
 * {@code simulatedModel} names its latency model: the latency figures are then the model's
 * simulated delays (0 for an instant fill), not a measurement, and reports print "simulated:
 * &lt;model&gt;" in their place.
 *
 * @param overall        every order
 * @param bySymbol       per symbol, in symbol order
 * @param simulatedModel the simulated latency model, empty when the latency was measured
 */
public record ExecutionStatistics(Figures overall, Map<String, Figures> bySymbol, String simulatedModel) {

    public ExecutionStatistics {
        Objects.requireNonNull(overall, "overall");
        bySymbol = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(bySymbol, "bySymbol")));
        Objects.requireNonNull(simulatedModel, "simulatedModel");
    }

    /**
     * Measured latency.
     *
     * @param overall  every order
     * @param bySymbol per symbol
     */
    public ExecutionStatistics(Figures overall, Map<String, Figures> bySymbol) {
        this(overall, bySymbol, "");
    }

    /**
     * @param model the simulated latency model, empty when measured
     * @return these statistics with that model
     */
    public ExecutionStatistics withSimulatedModel(String model) {
        return new ExecutionStatistics(overall, bySymbol, model);
    }

    /** @return whether the latency figures are a simulation's, not a measurement */
    public boolean simulated() {
        return !simulatedModel.isEmpty();
    }

    /**
     * @param orders            execution reports received
     * @param filled            filled in full
     * @param partiallyFilled   filled in part
     * @param rejected          rejected
     * @param errors            failed in the gateway
     * @param unknown           outcome unknown when reported
     * @param fillRate          (filled + partiallyFilled) / orders, 0 without orders
     * @param volumeFillRatio   lots filled / lots requested, 0 without orders
     * @param rejectionsByCode  every report that traded nothing, by MT5 return code, most frequent first
     * @param slippagePoints    slippage of fills in points
     * @param latencyNanos      latency of every report in nanoseconds
     */
    public record Figures(long orders, long filled, long partiallyFilled, long rejected, long errors, long unknown,
            double fillRate, double volumeFillRatio, List<RejectionCount> rejectionsByCode,
            Distribution slippagePoints, Distribution latencyNanos) {

        public Figures {
            nonNegative(orders, "orders");
            if (filled + partiallyFilled + rejected + errors + unknown != orders) {
                throw new IllegalArgumentException("filled + partiallyFilled + rejected + errors + unknown must equal orders ("
                        + orders + "), was " + (filled + partiallyFilled + rejected + errors + unknown));
            }
            inRange(fillRate, 0, 1, "fillRate");
            inRange(volumeFillRatio, 0, 1 + 1e-9, "volumeFillRatio");
            rejectionsByCode = List.copyOf(Objects.requireNonNull(rejectionsByCode, "rejectionsByCode"));
            Objects.requireNonNull(slippagePoints, "slippagePoints");
            Objects.requireNonNull(latencyNanos, "latencyNanos");
        }
    }

    /**
     * @param code        MT5 return code
     * @param description {@link io.aria.core.TradeReturnCode#describe(int)}
     * @param count       reports with it
     */
    public record RejectionCount(int code, String description, long count) {

        public RejectionCount {
            Objects.requireNonNull(description, "description");
            nonNegative(count, "count");
        }
    }

    /**
     * A summary of recorded values; every figure is 0 when {@code count} is 0.
     *
     * @param count values
     * @param mean  mean (exact)
     * @param min   smallest (exact)
     * @param p50   median
     * @param p90   90th percentile
     * @param p95   95th percentile
     * @param p99   99th percentile
     * @param max   largest (exact; for slippage the worst)
     */
    public record Distribution(long count, double mean, double min, double p50, double p90, double p95, double p99,
            double max) {

        public Distribution {
            nonNegative(count, "count");
            finite(mean, "mean");
            finite(min, "min");
            finite(p50, "p50");
            finite(p90, "p90");
            finite(p95, "p95");
            finite(p99, "p99");
            finite(max, "max");
            if (!(min <= p50 && p50 <= p90 && p90 <= p95 && p95 <= p99 && p99 <= max)) {
                throw new IllegalArgumentException("percentiles must not decrease: min " + min + ", p50 " + p50
                        + ", p90 " + p90 + ", p95 " + p95 + ", p99 " + p99 + ", max " + max);
            }
        }

        /** A distribution of no values. */
        public static final Distribution EMPTY = new Distribution(0, 0, 0, 0, 0, 0, 0, 0);
    }
}
