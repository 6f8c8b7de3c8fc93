package io.aria.analytics;

import io.aria.core.AssetClass;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a report says about the run that produced it: the command, symbols, period, seed, the risk
 * configuration and the exposure limits the report draws the exposure against. aria-analytics does
 * not depend on aria-risk: the caller passes its risk configuration as JSON text and its per-class
 * limits as numbers. Build one with {@link #builder(String)}.
 *
 * @param command          the command or program that ran, for example {@code "paper"}, not blank
 * @param symbols          the symbols traded, as asked for
 * @param startEpochMillis the period's first instant (simulated time), 0 when unknown
 * @param endEpochMillis   the period's last instant, 0 when unknown; &gt;= the start when both are set
 * @param seed             the random seed of a deterministic run, null when none
 * @param riskConfigJson   the risk configuration as JSON text, {@code "{}"} when none; shown as is
 * @param classLimits      gross exposure limit per asset class as a multiple of equity (for
 *                         example FOREX 10 means 10x equity), drawn against the exposure; empty
 *                         when none; each &gt; 0 and finite
 * @param settings         further settings to show (name to value), in order, for example the
 *                         data files, the warm-up, the speed
 * @param executionModel   how execution latency came about: empty when measured (a live
 *                         gateway), else the simulation's latency model, for example
 *                         {@code "paper broker, latency fixed 0 ms"}; the report then prints
 *                         "simulated: &lt;model&gt;" instead of the recorded latency figures
 */
public record RunInfo(String command, List<String> symbols, long startEpochMillis, long endEpochMillis, Long seed,
        String riskConfigJson, Map<AssetClass, Double> classLimits, Map<String, String> settings,
        String executionModel) {

    public RunInfo {
        Objects.requireNonNull(command, "command");
        if (command.isBlank()) {
            throw new IllegalArgumentException("command must not be blank, was '" + command + "'");
        }
        symbols = List.copyOf(Objects.requireNonNull(symbols, "symbols"));
        if (startEpochMillis != 0 && endEpochMillis != 0 && endEpochMillis < startEpochMillis) {
            throw new IllegalArgumentException("endEpochMillis must be >= startEpochMillis (" + startEpochMillis
                    + "), was " + endEpochMillis);
        }
        Objects.requireNonNull(riskConfigJson, "riskConfigJson");
        Map<AssetClass, Double> limits = new EnumMap<>(AssetClass.class);
        Objects.requireNonNull(classLimits, "classLimits").forEach((c, v) -> {
            Objects.requireNonNull(c, "classLimits key");
            if (v == null || !(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("classLimits." + c + " must be > 0 and finite, was " + v);
            }
            limits.put(c, v);
        });
        classLimits = Collections.unmodifiableMap(limits);
        settings = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(Objects.requireNonNull(settings, "settings")));
        Objects.requireNonNull(executionModel, "executionModel");
    }

    /**
     * @param command the command that ran, for example {@code "backtest"}
     * @return a builder with no symbols, no period, no seed, no risk configuration, no limits
     */
    public static Builder builder(String command) {
        return new Builder(command);
    }

    /** Builds a {@link RunInfo}; {@link #build()} checks every field. */
    public static final class Builder {
        private final String command;
        private List<String> symbols = List.of();
        private long start;
        private long end;
        private Long seed;
        private String risk = "{}";
        private Map<AssetClass, Double> limits = Map.of();
        private final Map<String, String> settings = new java.util.LinkedHashMap<>();
        private String executionModel = "";

        private Builder(String command) {
            this.command = command;
        }

        /** @param v the symbols traded @return this builder */
        public Builder symbols(List<String> v) {
            this.symbols = Objects.requireNonNull(v, "symbols");
            return this;
        }

        /**
         * @param startEpochMillis first instant of the period
         * @param endEpochMillis   last instant
         * @return this builder
         */
        public Builder period(long startEpochMillis, long endEpochMillis) {
            this.start = startEpochMillis;
            this.end = endEpochMillis;
            return this;
        }

        /** @param v the run's seed @return this builder */
        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /** @param json the risk configuration as JSON text @return this builder */
        public Builder riskConfigJson(String json) {
            this.risk = Objects.requireNonNull(json, "riskConfigJson");
            return this;
        }

        /** @param v gross exposure limit per asset class, multiples of equity @return this builder */
        public Builder classLimits(Map<AssetClass, Double> v) {
            this.limits = Objects.requireNonNull(v, "classLimits");
            return this;
        }

        /**
         * @param name  a setting's name
         * @param value its value
         * @return this builder
         */
        public Builder setting(String name, String value) {
            settings.put(Objects.requireNonNull(name, "setting name"), Objects.requireNonNull(value, "setting " + name));
            return this;
        }

        /**
         * @param v the simulated latency model, for example {@code "paper broker, latency fixed 0 ms"}
         * @return this builder
         */
        public Builder executionModel(String v) {
            this.executionModel = Objects.requireNonNull(v, "executionModel");
            return this;
        }

        /**
         * @return the run info
         * @throws IllegalArgumentException when the command is blank, the period ends before it
         *                                  starts, or a class limit is not positive and finite
         */
        public RunInfo build() {
            return new RunInfo(command, symbols, start, end, seed, risk, limits, settings, executionModel);
        }
    }
}
