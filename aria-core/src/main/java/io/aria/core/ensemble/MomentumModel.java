package io.aria.core.ensemble;

import io.aria.core.Values;
import io.aria.core.indicators.AverageTrueRange;
import io.aria.core.indicators.Ema;
import java.util.Map;

/**
 * Momentum: votes with the trend, by how far the fast exponential average of closes sits above
 * (long) or below (short) the slow one, measured in average true ranges and squashed by
 * {@code tanh}; its confidence is the vote's strength, halved when the fast average has started
 * to turn against the spread.
 *
 * <p>Not thread-safe: driven by the pipeline's event loop.
 */
public final class MomentumModel extends PerSymbolModel<MomentumModel.State> {

    /** Name used for weights and attribution. */
    public static final String NAME = "momentum";

    /**
     * @param fastPeriod bars of the fast average, &ge; 1
     * @param slowPeriod bars of the slow average, &gt; fastPeriod
     * @param atrPeriod  bars of the average true range that scales the spread, &ge; 1
     * @param atrScale   spread (in ATRs) that gives a vote of tanh(1) &asymp; 0.76, &gt; 0
     */
    public record Config(int fastPeriod, int slowPeriod, int atrPeriod, double atrScale) {

        public Config {
            Values.atLeast(fastPeriod, 1, "fastPeriod");
            Values.atLeast(slowPeriod, fastPeriod + 1, "slowPeriod");
            Values.atLeast(atrPeriod, 1, "atrPeriod");
            Values.positive(atrScale, "atrScale");
        }

        /** @return fast 12, slow 26, ATR 14, scale 1 ATR */
        public static Config defaults() {
            return new Config(12, 26, 14, 1.0);
        }
    }

    static final class State extends PerSymbolModel.Vote {
        final Ema fast;
        final Ema slow;
        final AverageTrueRange atr;
        double previousFast = Double.NaN;
        double normalizedSpread;

        State(Config c) {
            fast = new Ema(c.fastPeriod());
            slow = new Ema(c.slowPeriod());
            atr = new AverageTrueRange(c.atrPeriod());
        }
    }

    private final Config config;

    /**
     * @param symbols number of symbols
     */
    public MomentumModel(int symbols) {
        this(symbols, Config.defaults());
    }

    /**
     * @param symbols number of symbols, &ge; 1
     * @param config  periods and scale
     */
    public MomentumModel(int symbols, Config config) {
        super(NAME, symbols, Math.max(java.util.Objects.requireNonNull(config, "config").slowPeriod(),
                config.atrPeriod()), () -> new State(config));
        this.config = config;
    }

    /** @return the configuration */
    public Config config() {
        return config;
    }

    @Override
    public void onBar(int symbol, Bar bar) {
        State s = state(symbol);
        s.previousFast = s.fast.value();
        double fast = s.fast.update(bar.close());
        double slow = s.slow.update(bar.close());
        double atr = s.atr.update(bar.high(), bar.low(), bar.close());
        s.bars++;
        if (s.bars < warmUpBars()) {
            return;
        }
        double spread = fast - slow;
        double x = Clamps.ratio(spread, atr * config.atrScale());
        s.normalizedSpread = x;
        s.vote = Clamps.vote(Math.tanh(x));
        double slope = fast - s.previousFast;
        boolean turning = spread != 0 && slope != 0 && Math.signum(slope) != Math.signum(spread);
        s.confidence = Clamps.unit(Math.abs(s.vote) * (turning ? 0.5 : 1));
    }

    @Override
    public void describe(int symbol, Map<String, Double> out) {
        State s = state(symbol);
        out.put(NAME + ".fastEma", s.fast.value());
        out.put(NAME + ".slowEma", s.slow.value());
        out.put(NAME + ".atr", s.atr.value());
        out.put(NAME + ".normalizedSpread", s.normalizedSpread);
    }
}
