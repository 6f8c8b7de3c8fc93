package io.aria.core.ensemble;

import io.aria.core.Regime;
import io.aria.core.Values;
import io.aria.core.indicators.AverageTrueRange;
import io.aria.core.indicators.EfficiencyRatio;
import java.util.Map;
import java.util.Objects;

/**
 * Labels each symbol TREND, RANGE or BREAKOUT from two measurable quantities of its closed bars:
 * Kaufman's efficiency ratio of the closes (net move over path length: near 1 when prices go
 * one way, near 0 when they oscillate) and the ratio of a short to a long average true range
 * (well above 1 when volatility suddenly expands).
 *
 * <p>Rules, with hysteresis so the label does not flicker: BREAKOUT is entered when the ATR
 * ratio reaches {@code breakoutEnter} and kept while it stays at or above {@code breakoutExit};
 * otherwise TREND is entered when the efficiency ratio reaches {@code trendEnter} and kept while
 * it stays at or above {@code trendExit}; otherwise RANGE. Until {@link #warmUpBars()} bars a
 * symbol is RANGE.
 *
 * <p>Not thread-safe: driven by the pipeline's event loop.
 */
public final class RegimeClassifier {

    /**
     * @param efficiencyPeriod closes in the efficiency ratio, &ge; 2
     * @param atrShort         bars of the short ATR, &ge; 1
     * @param atrLong          bars of the long ATR, &gt; atrShort
     * @param trendEnter       efficiency ratio that starts a trend, in (0, 1]
     * @param trendExit        efficiency ratio below which a trend ends, in [0, trendEnter]
     * @param breakoutEnter    ATR ratio that starts a breakout, &gt; 1
     * @param breakoutExit     ATR ratio below which a breakout ends, in [1, breakoutEnter]
     */
    public record Config(int efficiencyPeriod, int atrShort, int atrLong, double trendEnter, double trendExit,
            double breakoutEnter, double breakoutExit) {

        public Config {
            Values.atLeast(efficiencyPeriod, 2, "efficiencyPeriod");
            Values.atLeast(atrShort, 1, "atrShort");
            Values.atLeast(atrLong, atrShort + 1, "atrLong");
            if (!(trendEnter > 0 && trendEnter <= 1)) {
                throw new IllegalArgumentException("trendEnter must be in (0, 1], was " + trendEnter);
            }
            Values.inRange(trendExit, 0, trendEnter, "trendExit");
            if (!(breakoutEnter > 1) || !Double.isFinite(breakoutEnter)) {
                throw new IllegalArgumentException("breakoutEnter must be finite and > 1, was " + breakoutEnter);
            }
            Values.inRange(breakoutExit, 1, breakoutEnter, "breakoutExit");
        }

        /**
         * @return efficiency over 20 closes, ATR 5 over 50; trend from 0.4 down to 0.25; breakout
         *         from 1.8 down to 1.3
         */
        public static Config defaults() {
            return new Config(20, 5, 50, 0.4, 0.25, 1.8, 1.3);
        }
    }

    private static final class State {
        final EfficiencyRatio efficiency;
        final AverageTrueRange atrShort;
        final AverageTrueRange atrLong;
        double atrRatio = 1;
        Regime regime = Regime.RANGE;
        int bars;

        State(Config c) {
            efficiency = new EfficiencyRatio(c.efficiencyPeriod());
            atrShort = new AverageTrueRange(c.atrShort());
            atrLong = new AverageTrueRange(c.atrLong());
        }
    }

    private final Config config;
    private final State[] states;
    private final int warmUp;

    /**
     * @param symbols number of symbols
     */
    public RegimeClassifier(int symbols) {
        this(symbols, Config.defaults());
    }

    /**
     * @param symbols number of symbols, &ge; 1
     * @param config  periods and thresholds
     */
    public RegimeClassifier(int symbols, Config config) {
        Values.atLeast(symbols, 1, "symbols");
        this.config = Objects.requireNonNull(config, "config");
        this.states = new State[symbols];
        for (int i = 0; i < symbols; i++) {
            states[i] = new State(config);
        }
        this.warmUp = Math.max(config.efficiencyPeriod() + 1, config.atrLong());
    }

    /** @return the configuration */
    public Config config() {
        return config;
    }

    /** @return bars a symbol needs before it is labelled */
    public int warmUpBars() {
        return warmUp;
    }

    /**
     * @param symbol symbol index
     * @param bar    closed bar
     * @return the symbol's regime after this bar
     */
    public Regime onBar(int symbol, Bar bar) {
        State s = states[symbol];
        double er = s.efficiency.update(bar.close());
        double shortAtr = s.atrShort.update(bar.high(), bar.low(), bar.close());
        double longAtr = s.atrLong.update(bar.high(), bar.low(), bar.close());
        s.bars++;
        s.atrRatio = Clamps.atrRatio(shortAtr, longAtr);
        if (s.bars < warmUp) {
            return s.regime;
        }
        Regime was = s.regime;
        if (s.atrRatio >= config.breakoutEnter() || (was == Regime.BREAKOUT && s.atrRatio >= config.breakoutExit())) {
            s.regime = Regime.BREAKOUT;
        } else if (er >= config.trendEnter() || (was == Regime.TREND && er >= config.trendExit())) {
            s.regime = Regime.TREND;
        } else {
            s.regime = Regime.RANGE;
        }
        return s.regime;
    }

    /**
     * @param symbol symbol index
     * @return the symbol's current regime
     */
    public Regime regime(int symbol) {
        return states[symbol].regime;
    }

    /**
     * @param symbol symbol index
     * @return the current efficiency ratio in [0, 1]
     */
    public double efficiencyRatio(int symbol) {
        return states[symbol].efficiency.value();
    }

    /**
     * @param symbol symbol index
     * @return the current short/long ATR ratio (1 while flat, capped at 1000)
     */
    public double atrRatio(int symbol) {
        return states[symbol].atrRatio;
    }

    /**
     * @param symbol symbol index
     * @return true once the symbol has seen {@link #warmUpBars()} bars
     */
    public boolean isReady(int symbol) {
        return states[symbol].bars >= warmUp;
    }

    /**
     * Adds the values behind the label ({@code regime.efficiencyRatio}, {@code regime.atrRatio},
     * {@code regime.atrShort}, {@code regime.atrLong}).
     *
     * @param symbol symbol index
     * @param out    map to add to
     */
    public void describe(int symbol, Map<String, Double> out) {
        State s = states[symbol];
        out.put("regime.efficiencyRatio", s.efficiency.value());
        out.put("regime.atrRatio", s.atrRatio);
        out.put("regime.atrShort", s.atrShort.value());
        out.put("regime.atrLong", s.atrLong.value());
    }
}
