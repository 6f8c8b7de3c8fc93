package io.aria.core.ensemble;

import io.aria.core.indicators.RollingStats;
import java.util.Map;

/**
 * Mean reversion: votes against the stretch, by the close's z-score against the rolling mean and
 * standard deviation of the last {@code window} closes (short above the mean, long below), full
 * strength at {@code entryZ} deviations; its confidence is that strength.
 *
 * <p>Not thread-safe: driven by the pipeline's event loop.
 */
public final class MeanReversionModel implements SignalModel {

    /** Name used for weights and attribution. */
    public static final String NAME = "meanReversion";

    /**
     * @param window closes in the rolling mean and deviation, &ge; 2
     * @param entryZ z-score at which the vote reaches &plusmn;1, &gt; 0
     */
    public record Config(int window, double entryZ) {

        public Config {
            Args.atLeast(window, 2, "window");
            Args.positive(entryZ, "entryZ");
        }

        /** @return window 20, full vote at 2 deviations */
        public static Config defaults() {
            return new Config(20, 2.0);
        }
    }

    private static final class State {
        final RollingStats stats;
        double zScore;
        double vote;
        double confidence;

        State(Config c) {
            stats = new RollingStats(c.window());
        }
    }

    private final Config config;
    private final State[] states;

    /**
     * @param symbols number of symbols
     */
    public MeanReversionModel(int symbols) {
        this(symbols, Config.defaults());
    }

    /**
     * @param symbols number of symbols, &ge; 1
     * @param config  window and entry z-score
     */
    public MeanReversionModel(int symbols, Config config) {
        Args.atLeast(symbols, 1, "symbols");
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.states = new State[symbols];
        for (int i = 0; i < symbols; i++) {
            states[i] = new State(config);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int warmUpBars() {
        return config.window();
    }

    /** @return the configuration */
    public Config config() {
        return config;
    }

    @Override
    public void onBar(int symbol, Bar bar) {
        State s = states[symbol];
        s.stats.update(bar.close());
        if (!s.stats.isReady()) {
            return;
        }
        double z = Args.ratio(bar.close() - s.stats.mean(), s.stats.stdDev());
        s.zScore = z;
        s.vote = Args.vote(-z / config.entryZ());
        s.confidence = Math.abs(s.vote);
    }

    @Override
    public double vote(int symbol) {
        return states[symbol].vote;
    }

    @Override
    public double confidence(int symbol) {
        return states[symbol].confidence;
    }

    @Override
    public void describe(int symbol, Map<String, Double> out) {
        State s = states[symbol];
        out.put(NAME + ".mean", s.stats.mean());
        out.put(NAME + ".stdDev", s.stats.stdDev());
        out.put(NAME + ".zScore", s.zScore);
    }
}
