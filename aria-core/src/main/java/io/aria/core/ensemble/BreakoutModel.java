package io.aria.core.ensemble;

import io.aria.core.Values;
import io.aria.core.indicators.AverageTrueRange;
import io.aria.core.indicators.DonchianChannel;
import java.util.Map;

/**
 * Breakout: votes long when a close breaks above the Donchian channel of the previous
 * {@code channel} bars (short below it) while volatility expands (short ATR at least
 * {@code expansion} times the long ATR), more strongly the further it breaks through; between
 * breakouts the vote and confidence fade by {@code decay} each bar.
 *
 * <p>Not thread-safe: driven by the pipeline's event loop.
 */
public final class BreakoutModel extends PerSymbolModel<BreakoutModel.State> {

    /** Name used for weights and attribution. */
    public static final String NAME = "breakout";

    /**
     * @param channel   bars in the Donchian channel, &ge; 1
     * @param atrShort  bars of the short ATR, &ge; 1
     * @param atrLong   bars of the long ATR, &gt; atrShort
     * @param expansion minimum short/long ATR ratio for a breakout to count, &ge; 1
     * @param decay     factor applied to the vote on each bar without a breakout, in [0, 1]
     */
    public record Config(int channel, int atrShort, int atrLong, double expansion, double decay) {

        public Config {
            Values.atLeast(channel, 1, "channel");
            Values.atLeast(atrShort, 1, "atrShort");
            Values.atLeast(atrLong, atrShort + 1, "atrLong");
            if (!(expansion >= 1) || !Double.isFinite(expansion)) {
                throw new IllegalArgumentException("expansion must be finite and >= 1, was " + expansion);
            }
            Values.inRange(decay, 0, 1, "decay");
        }

        /** @return channel 20, ATR 5 over 20, expansion 1.2, decay 0.8 */
        public static Config defaults() {
            return new Config(20, 5, 20, 1.2, 0.8);
        }
    }

    static final class State extends PerSymbolModel.Vote {
        final DonchianChannel channel;
        final AverageTrueRange atrShort;
        final AverageTrueRange atrLong;
        double upper = Double.NaN;
        double lower = Double.NaN;
        double atrRatio;

        State(Config c) {
            channel = new DonchianChannel(c.channel());
            atrShort = new AverageTrueRange(c.atrShort());
            atrLong = new AverageTrueRange(c.atrLong());
        }
    }

    private final Config config;

    /**
     * @param symbols number of symbols
     */
    public BreakoutModel(int symbols) {
        this(symbols, Config.defaults());
    }

    /**
     * @param symbols number of symbols, &ge; 1
     * @param config  channel, ATR periods, expansion filter and decay
     */
    public BreakoutModel(int symbols, Config config) {
        super(NAME, symbols, Math.max(java.util.Objects.requireNonNull(config, "config").channel() + 1,
                config.atrLong()), () -> new State(config));
        this.config = config;
    }

    /** @return the configuration */
    public Config config() {
        return config;
    }

    @Override
    public void onBar(int symbol, Bar bar) {
        State s = state(symbol);
        double shortAtr = s.atrShort.update(bar.high(), bar.low(), bar.close());
        double longAtr = s.atrLong.update(bar.high(), bar.low(), bar.close());
        s.bars++;
        // the channel of the previous bars, before this bar joins it
        s.upper = s.channel.upper();
        s.lower = s.channel.lower();
        s.channel.update(bar.high(), bar.low());
        if (s.bars < warmUpBars()) {
            return;
        }
        double ratio = Clamps.atrRatio(shortAtr, longAtr);
        s.atrRatio = ratio;
        double close = bar.close();
        boolean expanding = ratio >= config.expansion();
        if (expanding && close > s.upper) {
            s.vote = Clamps.vote(0.5 + Clamps.ratio(close - s.upper, longAtr));
            s.confidence = expansionConfidence(ratio);
        } else if (expanding && close < s.lower) {
            s.vote = Clamps.vote(-0.5 - Clamps.ratio(s.lower - close, longAtr));
            s.confidence = expansionConfidence(ratio);
        } else {
            s.vote *= config.decay();
            s.confidence *= config.decay();
        }
    }

    private double expansionConfidence(double ratio) {
        return Clamps.unit(0.5 + 0.5 * (ratio - config.expansion()) / config.expansion());
    }

    @Override
    public void describe(int symbol, Map<String, Double> out) {
        State s = state(symbol);
        out.put(NAME + ".upper", s.upper);
        out.put(NAME + ".lower", s.lower);
        out.put(NAME + ".atrShort", s.atrShort.value());
        out.put(NAME + ".atrLong", s.atrLong.value());
        out.put(NAME + ".atrRatio", s.atrRatio);
    }
}
