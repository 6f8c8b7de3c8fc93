package io.aria.core.ensemble;

import io.aria.core.AssetCatalog;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.Regime;
import io.aria.core.Tick;
import io.aria.core.Values;
import io.aria.core.spi.EnsembleModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ARIA's default {@link EnsembleModel}: member {@link SignalModel}s vote on closed time bars, a
 * {@link RegimeClassifier} labels each symbol, and the votes are combined with weights that
 * depend on the regime.
 *
 * <p>At each bar close of a symbol (after warm-up) it emits one {@link Decision}:
 * <ul>
 * <li>score = &Sigma; w<sub>i</sub> c<sub>i</sub> v<sub>i</sub> / &Sigma; w<sub>i</sub>, with
 * the regime's weight w, the model's confidence c and its vote v;</li>
 * <li>direction with hysteresis: LONG when score &ge; entry, SHORT when score &le; &minus;entry,
 * a held LONG (SHORT) kept while score &ge; exit (&le; &minus;exit), FLAT otherwise;</li>
 * <li>confidence = agreement &times; the weighted mean of the members' confidences, where
 * agreement = |&Sigma; w c v| / &Sigma; w c |v| is 1 when all weighted votes point the same way
 * and 0 when they cancel;</li>
 * <li>each model's vote, confidence, normalised weight and share: for LONG or SHORT the share of
 * a model voting that way is its part of the agreeing weighted votes (they sum to 1) and
 * dissenters get 0; for FLAT (staying out is a joint decision) the shares are the weights;</li>
 * <li>the indicator values behind the votes ({@code momentum.fastEma},
 * {@code regime.efficiencyRatio}, {@code ensemble.score}, ...).</li>
 * </ul>
 *
 * <p>A tick that closes no bar costs a few array updates, plus a call to each member that is a
 * {@link TickSignalModel} (members that are not are never called per tick), and allocates nothing. Ticks with
 * non-finite or non-positive prices (or a mid that overflows), crossed quotes, negative volume or
 * unknown symbols never reach a model:
 * they are ignored and counted (the pipeline filters them first anyway).
 *
 * <p>Warm-up: a symbol decides nothing until it has seen as many bars as its slowest model and
 * the classifier need. History can be fed with {@link #warmUp(List)} (for example bars read by
 * {@link BarCsv}) or {@link #warmUpTicks};
 * history warms the indicators and the regime, emits nothing, and leaves the target direction
 * FLAT.
 *
 * <p>Threading: all methods are called from the pipeline's event-loop thread; not thread-safe.
 */
public final class WeightedEnsemble implements EnsembleModel {

    private static final Logger LOG = LoggerFactory.getLogger(WeightedEnsemble.class);

    private final AssetCatalog catalog;
    private final String[] symbols;
    private final SignalModel[] models;
    /** The models that implement {@link TickSignalModel}: only they are called per tick. */
    private final TickSignalModel[] tickModels;
    private final String[] modelNames;
    private final RegimeClassifier classifier;
    private final TimeBarBuilder bars;
    private final RegimeWeights weights;
    private final VoteCombiner combiner;
    private final int warmUpBars;
    private final int[] barsSeen;
    private final Direction[] direction;
    private long ignoredTicks;
    private long decisions;

    private WeightedEnsemble(Builder b) {
        this.catalog = b.catalog;
        this.symbols = b.catalog.symbols().toArray(new String[0]);
        this.models = b.models.toArray(new SignalModel[0]);
        this.tickModels = Arrays.stream(models).filter(TickSignalModel.class::isInstance)
                .map(TickSignalModel.class::cast).toArray(TickSignalModel[]::new);
        this.modelNames = new String[models.length];
        for (int i = 0; i < models.length; i++) {
            modelNames[i] = models[i].name();
        }
        this.classifier = b.classifier;
        this.bars = new TimeBarBuilder(symbols.length, b.timeframe);
        this.weights = new RegimeWeights(b.weights, modelNames, b.adaptive);
        this.combiner = new VoteCombiner(models, modelNames, classifier, weights, b.entry, b.exit);
        int w = b.warmUpBars != null ? b.warmUpBars : classifier.warmUpBars();
        if (b.warmUpBars == null) {
            for (SignalModel m : models) {
                w = Math.max(w, m.warmUpBars());
            }
        }
        this.warmUpBars = w;
        this.barsSeen = new int[symbols.length];
        this.direction = new Direction[symbols.length];
        Arrays.fill(direction, Direction.FLAT);
    }

    /**
     * @param catalog the assets (one state per symbol is created up front)
     * @return the default ensemble: momentum, mean reversion and breakout on one-minute bars
     */
    public static WeightedEnsemble withDefaults(AssetCatalog catalog) {
        return builder(catalog).build();
    }

    /**
     * @param catalog the assets (one state per symbol is created up front)
     * @return a builder with the defaults for that catalog
     */
    public static Builder builder(AssetCatalog catalog) {
        return new Builder(catalog);
    }

    @Override
    public String name() {
        return "weighted-ensemble";
    }

    @Override
    public void onTick(Tick tick, Consumer<Decision> decisions) {
        int s = accept(tick);
        if (s < 0) {
            return;
        }
        if (onPrice(s, tick) && barsSeen[s] >= warmUpBars) {
            Decision d = combiner.decide(s, symbols[s], tick.epochMillis(), direction[s]);
            direction[s] = d.direction();
            this.decisions++;
            decisions.accept(d);
        }
    }

    /** @return the symbol index, or -1 when the tick is ignored (counted) */
    private int accept(Tick tick) {
        int s = catalog.indexOf(tick.symbol());
        if (s < 0 || tick.checkValues() != null || !Double.isFinite(tick.mid())) {
            ignoredTicks++;
            return -1;
        }
        return s;
    }

    /** @return true when the tick closed a bar, which the models and classifier have then seen */
    private boolean onPrice(int s, Tick tick) {
        double mid = tick.mid();
        long t = tick.epochMillis();
        for (TickSignalModel m : tickModels) {
            m.onTick(s, t, mid);
        }
        if (!bars.onTick(s, t, mid, tick.volume())) {
            return false;
        }
        onBar(s, bars.closedBar(s, symbols[s]));
        return true;
    }

    private void onBar(int s, Bar bar) {
        classifier.onBar(s, bar);
        for (SignalModel m : models) {
            m.onBar(s, bar);
        }
        barsSeen[s]++;
    }

    /**
     * Warms the models and the classifier with closed bars from history. Emits nothing. Bars of
     * symbols not in the catalog are skipped; live ticks older than a symbol's last history bar
     * are then ignored so no bar counts twice.
     *
     * @param history bars in time order per symbol
     * @return number of bars used
     */
    public int warmUp(List<Bar> history) {
        int used = 0;
        for (Bar bar : history) {
            int s = catalog.indexOf(bar.symbol());
            if (s < 0) {
                continue;
            }
            onBar(s, bar);
            bars.skipUntil(s, bar.endMillis());
            used++;
        }
        LOG.debug("warmed up with {} history bars", used);
        return used;
    }

    /**
     * Warms the models and the classifier with ticks from history (for example read from a
     * file), building bars exactly as live ticks do. Emits nothing; the last bar of each symbol
     * stays open and the first live ticks continue it.
     *
     * @param history ticks in time order
     * @return number of ticks used
     */
    public long warmUpTicks(Iterable<Tick> history) {
        long used = 0;
        for (Tick tick : history) {
            int s = accept(tick);
            if (s >= 0) {
                onPrice(s, tick);
                used++;
            }
        }
        LOG.debug("warmed up with {} history ticks", used);
        return used;
    }

    /**
     * Adaptive weights: learns from a closed trade when adaptive weights are on (see
     * {@link AdaptiveWeights}); otherwise does nothing. Models of the entry decision that this
     * ensemble does not have are skipped. Each weight change is logged: at INFO when it has moved
     * 5% or more since it was last logged at INFO, otherwise at DEBUG.
     *
     * @param entry  the decision that opened the position
     * @param profit realised profit of the trade
     */
    @Override
    public void onTradeClosed(Decision entry, double profit) {
        weights.learn(entry, profit);
    }

    /**
     * @return the current weights by regime and model (normalised so each regime sums to 1;
     *         includes the adaptive factors when they are on)
     */
    public Map<Regime, Map<String, Double>> weights() {
        return weights.normalised();
    }

    /** @return the member models' names in order */
    public List<String> modelNames() {
        return List.of(modelNames);
    }

    /** @return bars a symbol needs before the ensemble decides for it */
    public int warmUpBars() {
        return warmUpBars;
    }

    /**
     * @param symbol catalog symbol
     * @return true once the symbol has seen enough bars to decide
     * @throws IllegalArgumentException when the symbol is not in the catalog
     */
    public boolean isWarm(String symbol) {
        return barsSeen[index(symbol)] >= warmUpBars;
    }

    /**
     * @param symbol catalog symbol
     * @return closed bars seen for the symbol (history and live)
     * @throws IllegalArgumentException when the symbol is not in the catalog
     */
    public int barsSeen(String symbol) {
        return barsSeen[index(symbol)];
    }

    /**
     * @param symbol catalog symbol
     * @return the symbol's current regime
     * @throws IllegalArgumentException when the symbol is not in the catalog
     */
    public Regime regime(String symbol) {
        return classifier.regime(index(symbol));
    }

    /**
     * @param symbol catalog symbol
     * @return the symbol's current target direction (FLAT until a decision says otherwise)
     * @throws IllegalArgumentException when the symbol is not in the catalog
     */
    public Direction direction(String symbol) {
        return direction[index(symbol)];
    }

    /** @return ticks ignored: unknown symbol or bad values */
    public long ignoredTicks() {
        return ignoredTicks;
    }

    /** @return ticks ignored by the bar builder because they were older than the open bar */
    public long staleTicks() {
        return bars.staleTicks();
    }

    /** @return decisions emitted so far */
    public long decisions() {
        return decisions;
    }

    /** @return the bar timeframe */
    public Duration timeframe() {
        return Duration.ofMillis(bars.timeframeMillis());
    }

    private int index(String symbol) {
        int s = catalog.indexOf(symbol);
        if (s < 0) {
            throw new IllegalArgumentException("symbol " + symbol + " is not in the catalog");
        }
        return s;
    }

    /**
     * Builds a {@link WeightedEnsemble}. Defaults: the three default models (momentum, mean
     * reversion, breakout) and the default regime classifier sized for the catalog, one-minute
     * bars, entry threshold 0.3, exit threshold 0.1, adaptive weights off, and these weights:
     * <table>
     * <caption>default weights</caption>
     * <tr><th>regime</th><th>momentum</th><th>meanReversion</th><th>breakout</th></tr>
     * <tr><td>TREND</td><td>0.6</td><td>0.1</td><td>0.3</td></tr>
     * <tr><td>RANGE</td><td>0.15</td><td>0.7</td><td>0.15</td></tr>
     * <tr><td>BREAKOUT</td><td>0.3</td><td>0.05</td><td>0.65</td></tr>
     * </table>
     * A model with another name gets weight 1 in every regime unless set with {@link #weight}.
     * Not thread-safe.
     */
    public static final class Builder {
        private final AssetCatalog catalog;
        private List<SignalModel> models;
        private RegimeClassifier classifier;
        private Duration timeframe = TimeBarBuilder.DEFAULT_TIMEFRAME;
        private final Map<Regime, Map<String, Double>> explicitWeights = new EnumMap<>(Regime.class);
        private Map<Regime, Map<String, Double>> weights;
        private double entry = 0.3;
        private double exit = 0.1;
        private AdaptiveWeights adaptive;
        private Integer warmUpBars;

        private Builder(AssetCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
        }

        /**
         * @param models member models, each sized for at least the catalog's symbols, names unique
         * @return this builder
         * @throws IllegalArgumentException when the list is empty or has a duplicate name
         */
        public Builder models(List<? extends SignalModel> models) {
            Objects.requireNonNull(models, "models");
            if (models.isEmpty()) {
                throw new IllegalArgumentException("models must not be empty");
            }
            List<String> names = new ArrayList<>();
            for (SignalModel m : models) {
                Objects.requireNonNull(m, "models element");
                if (names.contains(m.name())) {
                    throw new IllegalArgumentException("models has the name " + m.name() + " twice");
                }
                names.add(m.name());
            }
            this.models = List.copyOf(models);
            return this;
        }

        /**
         * @param classifier regime classifier sized for at least the catalog's symbols
         * @return this builder
         */
        public Builder regimeClassifier(RegimeClassifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /**
         * @param timeframe bar length, at least 1 ms (default one minute, aligned to UTC)
         * @return this builder
         * @throws IllegalArgumentException when shorter than 1 ms
         */
        public Builder timeframe(Duration timeframe) {
            Objects.requireNonNull(timeframe, "timeframe");
            if (timeframe.toMillis() < 1) {
                throw new IllegalArgumentException("timeframe must be at least 1 ms, was " + timeframe);
            }
            this.timeframe = timeframe;
            return this;
        }

        /**
         * @param regime regime
         * @param model  model name
         * @param weight its weight in that regime, finite and &ge; 0 (relative: each regime is
         *               normalised to sum 1)
         * @return this builder
         * @throws IllegalArgumentException when the weight is negative or not finite
         */
        public Builder weight(Regime regime, String model, double weight) {
            Objects.requireNonNull(regime, "regime");
            Objects.requireNonNull(model, "model");
            Values.nonNegative(weight, "weight of " + model + " in " + regime);
            explicitWeights.computeIfAbsent(regime, r -> new LinkedHashMap<>()).put(model, weight);
            return this;
        }

        /**
         * @param entry score magnitude that opens a direction, in (0, 1]
         * @param exit  score magnitude below which a held direction goes FLAT, in (0, entry]
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder thresholds(double entry, double exit) {
            if (!(entry > 0 && entry <= 1)) {
                throw new IllegalArgumentException("entry threshold must be in (0, 1], was " + entry);
            }
            if (!(exit > 0 && exit <= entry)) {
                throw new IllegalArgumentException("exit threshold must be in (0, " + entry + "], was " + exit);
            }
            this.entry = entry;
            this.exit = exit;
            return this;
        }

        /**
         * @param settings adaptive weight settings, or null to turn adaptive weights off (the default)
         * @return this builder
         */
        public Builder adaptiveWeights(AdaptiveWeights settings) {
            this.adaptive = settings;
            return this;
        }

        /**
         * @param bars bars each symbol must see before deciding, &ge; 1; by default the largest
         *             warm-up of the models and the classifier
         * @return this builder
         * @throws IllegalArgumentException when bars &lt; 1
         */
        public Builder warmUpBars(int bars) {
            this.warmUpBars = Values.atLeast(bars, 1, "warmUpBars");
            return this;
        }

        /**
         * @return the ensemble
         * @throws IllegalArgumentException when a weight names an unknown model, a regime's
         *                                  weights are all zero, or a model or the classifier
         *                                  has fewer symbols than the catalog
         */
        public WeightedEnsemble build() {
            int n = catalog.size();
            if (models == null) {
                models = List.of(new MomentumModel(n), new MeanReversionModel(n), new BreakoutModel(n));
            }
            if (classifier == null) {
                classifier = new RegimeClassifier(n);
            }
            for (SignalModel m : models) {
                try {
                    m.vote(n - 1);
                } catch (IndexOutOfBoundsException e) {
                    throw new IllegalArgumentException("model " + m.name() + " must be sized for the catalog's "
                            + n + " symbols", e);
                }
            }
            try {
                classifier.regime(n - 1);
            } catch (IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("regime classifier must be sized for the catalog's " + n + " symbols", e);
            }
            List<String> names = models.stream().map(SignalModel::name).toList();
            weights = RegimeWeights.resolve(names, explicitWeights);
            return new WeightedEnsemble(this);
        }
    }
}
