package io.aria.core.ensemble;

import io.aria.core.Values;
import io.aria.core.indicators.RollingStats;
import java.util.Map;

/**
 * Mean reversion: votes against the stretch, by the close's z-score against the rolling mean and
 * standard deviation of the last {@code window} closes (short above the mean, long below), full
 * strength at {@code entryZ} deviations; its confidence is that strength.
 *
 * <p>Not thread-safe: driven by the pipeline's event loop.
 */
public final class MeanReversionModel extends PerSymbolModel<MeanReversionModel.State> {

    /** Name used for weights and attribution. */
    public static final String NAME = "meanReversion";

    /**
     * @param window closes in the rolling mean and deviation, &ge; 2
     * @param entryZ z-score at which the vote reaches &plusmn;1, &gt; 0
     */
    public record Config(int window, double entryZ) {

        public Config {
            Values.atLeast(window, 2, "window");
            Values.positive(entryZ, "entryZ");
        }

        /** @return window 20, full vote at 2 deviations */
        public static Config defaults() {
            return new Config(20, 2.0);
        }
    }

    static final class State extends PerSymbolModel.Vote {
        final RollingStats stats;
        double zScore;

        State(Config c) {
            stats = new RollingStats(c.window());
        }
    }

    private final Config config;

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
        super(NAME, symbols, java.util.Objects.requireNonNull(config, "config").window(), () -> new State(config));
        this.config = config;
    }

    /** @return the configuration */
    public Config config() {
        return config;
    }

    @Override
    public void onBar(int symbol, Bar bar) {
        State s = state(symbol);
        s.stats.update(bar.close());
        if (!s.stats.isReady()) {
            return;
        }
        double z = Clamps.ratio(bar.close() - s.stats.mean(), s.stats.stdDev());
        s.zScore = z;
        s.vote = Clamps.vote(-z / config.entryZ());
        s.confidence = Math.abs(s.vote);
    }

    @Override
    public void describe(int symbol, Map<String, Double> out) {
        State s = state(symbol);
        out.put(NAME + ".mean", s.stats.mean());
        out.put(NAME + ".stdDev", s.stats.stdDev());
        out.put(NAME + ".zScore", s.zScore);
    }
}
