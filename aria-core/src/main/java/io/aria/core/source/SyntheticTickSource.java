package io.aria.core.source;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.Tick;
import io.aria.core.source.internal.Correlation;
import io.aria.core.source.internal.Delivery;
import io.aria.core.source.internal.MarketDefaults;
import io.aria.core.source.internal.PriceGenerator;
import io.aria.core.spi.TickListener;
import io.aria.core.spi.TickSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synthetic market data: correlated geometric Brownian motions, one per symbol, with realistic
 * spreads. Deterministic for a seed.
 *
 * <p>Time advances in steps of {@link Builder#tickInterval(Duration)}; at each step every
 * selected symbol whose market is open gets one tick, in catalog order, all with the step's
 * time. Log-prices move by {@code -σ²dt/2 + σ√dt·z}, with {@code z} drawn from a multivariate
 * normal whose correlation matrix is factored once (Cholesky). When no selected market is open
 * (a weekend without crypto), time jumps to the next opening in one step, so prices gap as
 * they do on Monday mornings. Spreads sit around each asset's
 * {@link AssetSpec#typicalSpread()} (0.85&ndash;1.15&times;), widen now and then (2&ndash;6&times;),
 * and prices are on the asset's point grid, with ask &gt; bid.
 *
 * <p>Two ways to use it, giving the same ticks for the same seed: {@link #start(TickListener)}
 * delivers from a daemon thread of its own (paced or as fast as possible); {@link #next()},
 * {@link #fill(Tick[])} and {@link #generate(int)} pull ticks synchronously, for tests and
 * benchmarks. The two must not be mixed: once started, the pull methods throw. Generating a tick
 * allocates nothing but the {@link Tick} itself.
 *
 * <p>Threading: the pull methods are for one thread at a time; {@link #close()} may be called
 * from any thread.
 *
 * <p>Lifecycle: {@link #start(TickListener)} once (again, or after {@link #close()}, throws
 * {@link IllegalStateException}); a finite source calls {@code onEnd} once after its last tick;
 * once {@link #close()} returns no further tick is handed over (a tick the listener is already
 * processing completes) and {@code onEnd} is not called. An exception thrown by the listener is
 * logged and counted, and delivery goes on.
 */
public final class SyntheticTickSource implements TickSource {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticTickSource.class);


    /**
     * @param symbol a default catalog symbol
     * @return its default start price, or NaN when it has none
     */
    public static double defaultStartPrice(String symbol) {
        return MarketDefaults.startPrice(symbol);
    }

    /**
     * @param symbol a default catalog symbol
     * @return its default annual volatility, or NaN when it has none
     */
    public static double defaultVolatility(String symbol) {
        return MarketDefaults.volatility(symbol);
    }

    /**
     * @param a a symbol
     * @param b another symbol
     * @return their default correlation: 1 for the same symbol, 0 for pairs without a default
     */
    public static double defaultCorrelation(String a, String b) {
        return MarketDefaults.correlation(a, b);
    }
    // ------------------------------------------------------------------ configuration

    private final List<String> symbols;
    private final double[][] correlation;
    private final long maxTicks;
    private final long endMillis;
    private final double speed;
    /** The generator state; owned by the delivery thread once started, else by the pulling thread. */
    private final PriceGenerator generator;
    private final Delivery delivery;

    private SyntheticTickSource(Builder b) {
        AssetCatalog catalog = b.catalog;
        List<String> syms = b.symbols == null ? catalog.symbols() : List.copyOf(b.symbols);
        if (syms.isEmpty()) {
            throw new IllegalArgumentException("symbols must not be empty");
        }
        int n = syms.size();
        this.symbols = List.copyOf(syms);
        AssetSpec[] specs = new AssetSpec[n];
        double[] sigma = new double[n];
        double[] logPrice = new double[n];
        for (int i = 0; i < n; i++) {
            initSymbol(i, catalog, syms, b, specs, sigma, logPrice);
        }
        for (String s : b.startPrices.keySet()) {
            requireSelected(s, "startPrice");
        }
        for (String s : b.vols.keySet()) {
            requireSelected(s, "volatility");
        }

        double[][] corr = correlations(b, syms);
        Correlation.validate(corr);
        double[][] l = Correlation.cholesky(corr);
        if (l == null) {
            double min = Correlation.minEigenvalue(corr);
            if (!b.repairCorrelations) {
                throw new IllegalArgumentException("correlation matrix is not positive semi-definite: smallest "
                        + "eigenvalue " + min + " (symbols " + syms + ")");
            }
            LOG.warn("correlation matrix is not positive semi-definite (smallest eigenvalue {}); using the nearest "
                    + "valid matrix", min);
            corr = Correlation.nearestValid(corr);
            l = Correlation.cholesky(corr);
        }
        this.correlation = corr;

        this.maxTicks = b.maxTicks;
        long start = b.start.toEpochMilli();
        this.endMillis = b.duration == null ? Long.MAX_VALUE : start + b.duration.toMillis();
        this.speed = b.speed;
        this.generator = new PriceGenerator(new PriceGenerator.Setup(symbols, specs, logPrice, sigma, l, b.seed,
                start, b.interval.toMillis(), maxTicks, endMillis, b.openHoursOnly, b.widenProbability));
        this.delivery = new Delivery(this, "aria-synthetic-ticks");
    }

    /** Start price, volatility and spec of the i-th symbol. */
    private static void initSymbol(int i, AssetCatalog catalog, List<String> syms, Builder b, AssetSpec[] specs,
            double[] sigma, double[] logPrice) {
        String s = syms.get(i);
        AssetSpec spec = catalog.find(s).orElseThrow(
                () -> new IllegalArgumentException("symbol " + s + " is not in the catalog"));
        for (int j = 0; j < i; j++) {
            if (syms.get(j).equals(s)) {
                throw new IllegalArgumentException("symbols must not repeat, " + s + " appears twice");
            }
        }
        specs[i] = spec;
        double price = b.startPrices.containsKey(s) ? b.startPrices.get(s) : defaultStartPrice(s);
        if (Double.isNaN(price)) {
            throw new IllegalArgumentException("startPrice of " + s + " must be given: it has no default");
        }
        double vol = b.vols.containsKey(s) ? b.vols.get(s) : defaultVolatility(s);
        if (Double.isNaN(vol)) {
            vol = MarketDefaults.fallbackVolatility(spec.assetClass());
        }
        logPrice[i] = Math.log(price);
        sigma[i] = vol;
    }

    /** The correlation matrix: given whole, or the defaults, with the given pairs set over it. */
    private double[][] correlations(Builder b, List<String> syms) {
        int n = syms.size();
        double[][] corr;
        if (b.matrix != null) {
            if (b.matrix.length != n) {
                throw new IllegalArgumentException("correlationMatrix must be " + n + "x" + n
                        + " (one row per symbol), was " + b.matrix.length + " rows");
            }
            corr = new double[n][];
            for (int i = 0; i < n; i++) {
                corr[i] = b.matrix[i] == null ? null : b.matrix[i].clone();
            }
        } else {
            corr = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    corr[i][j] = defaultCorrelation(syms.get(i), syms.get(j));
                }
            }
        }
        for (Map.Entry<String, Double> e : b.pairs.entrySet()) {
            String[] ab = e.getKey().split("/", 2);
            int i = requireSelected(ab[0], "correlation");
            int j = requireSelected(ab[1], "correlation");
            corr[i][j] = e.getValue();
            corr[j][i] = e.getValue();
        }
        return corr;
    }

    private int requireSelected(String s, String what) {
        int i = symbols.indexOf(s);
        if (i < 0) {
            throw new IllegalArgumentException(what + " given for " + s + ", which is not among the symbols " + symbols);
        }
        return i;
    }

    /** @return a builder with the default catalog, all its symbols, seed 0 */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<String> symbols() {
        return symbols;
    }

    /** @return whether the source ends (a tick count or duration was set) */
    public boolean isFinite() {
        return maxTicks != Long.MAX_VALUE || endMillis != Long.MAX_VALUE;
    }

    /** @return a copy of the correlation matrix in use (after any repair), rows in symbol order */
    public double[][] correlationMatrix() {
        double[][] c = new double[correlation.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = correlation[i].clone();
        }
        return c;
    }

    @Override
    public void start(TickListener listener) {
        delivery.start(listener, generator::nextTick, speed, 5_000);
    }

    @Override
    public void close() {
        delivery.close();
    }

    /**
     * Pulls the next tick synchronously.
     *
     * @return the next tick, or null when a finite source is exhausted
     * @throws IllegalStateException when the source was started
     */
    public Tick next() {
        if (delivery.isStarted()) {
            throw new IllegalStateException("source was started; its thread owns the generator");
        }
        return generator.nextTick();
    }

    /**
     * Fills an array with the next ticks.
     *
     * @param out array to fill from index 0
     * @return how many ticks were written (fewer than {@code out.length} only at the end)
     * @throws IllegalStateException when the source was started
     */
    public int fill(Tick[] out) {
        for (int i = 0; i < out.length; i++) {
            Tick t = next();
            if (t == null) {
                return i;
            }
            out[i] = t;
        }
        return out.length;
    }

    /**
     * @param n how many ticks at most
     * @return the next {@code n} ticks (fewer at the end of a finite source)
     * @throws IllegalStateException when the source was started
     */
    public List<Tick> generate(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        List<Tick> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Tick t = next();
            if (t == null) {
                break;
            }
            out.add(t);
        }
        return out;
    }


    /**
     * Configures a {@link SyntheticTickSource}. Defaults: {@link AssetCatalog#defaults()}, all its
     * symbols, seed 0, start 2024-01-08T08:00:00Z (a Monday), one step every 100 ms of simulated
     * time, no end, as fast as possible, ticks only while each market is open, the default
     * prices, volatilities and correlations, spreads widening on 0.3% of ticks.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private AssetCatalog catalog = AssetCatalog.defaults();
        private List<String> symbols;
        private long seed;
        private Instant start = Instant.parse("2024-01-08T08:00:00Z");
        private Duration interval = Duration.ofMillis(100);
        private long maxTicks = Long.MAX_VALUE;
        private Duration duration;
        private double speed;
        private boolean openHoursOnly = true;
        private double widenProbability = 0.003;
        private boolean repairCorrelations = true;
        private final Map<String, Double> startPrices = new LinkedHashMap<>();
        private final Map<String, Double> vols = new LinkedHashMap<>();
        private final Map<String, Double> pairs = new LinkedHashMap<>();
        private double[][] matrix;

        private Builder() {
        }

        /**
         * @param catalog the assets to simulate; symbols default to all of them
         * @return this builder
         */
        public Builder catalog(AssetCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /**
         * @param symbols catalog symbols to simulate, in the order their ticks come at each step
         * @return this builder
         */
        public Builder symbols(List<String> symbols) {
            this.symbols = List.copyOf(Objects.requireNonNull(symbols, "symbols"));
            return this;
        }

        /**
         * @param symbols catalog symbols to simulate
         * @return this builder
         */
        public Builder symbols(String... symbols) {
            return symbols(List.of(symbols));
        }

        /**
         * @param seed the seed; the same seed gives the same ticks
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param start simulated time of the first step
         * @return this builder
         */
        public Builder startTime(Instant start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /**
         * @param interval simulated time between two steps (two ticks of one symbol), at least 1 ms
         * @return this builder
         * @throws IllegalArgumentException when shorter than 1 ms
         */
        public Builder tickInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.toMillis() < 1) {
                throw new IllegalArgumentException("tickInterval must be at least 1 ms, was " + interval);
            }
            this.interval = interval;
            return this;
        }

        /**
         * @param maxTicks the source ends after this many ticks (all symbols together)
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder maxTicks(long maxTicks) {
            if (maxTicks < 0) {
                throw new IllegalArgumentException("maxTicks must be >= 0, was " + maxTicks);
            }
            this.maxTicks = maxTicks;
            return this;
        }

        /**
         * @param duration the source ends when this much simulated time has passed
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder duration(Duration duration) {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("duration must not be negative, was " + duration);
            }
            this.duration = duration;
            return this;
        }

        /**
         * Delivers as fast as the listener takes ticks (the default).
         *
         * @return this builder
         */
        public Builder fullSpeed() {
            this.speed = 0;
            return this;
        }

        /**
         * Paces delivery against the wall clock.
         *
         * @param speed how many times faster than real time simulated time runs, &gt; 0
         * @return this builder
         * @throws IllegalArgumentException when not finite and positive
         */
        public Builder realTime(double speed) {
            if (!(speed > 0) || !Double.isFinite(speed)) {
                throw new IllegalArgumentException("speed must be finite and > 0, was " + speed);
            }
            this.speed = speed;
            return this;
        }

        /**
         * @param openHoursOnly whether a symbol ticks only while its {@link io.aria.core.TradingHours} are open
         * @return this builder
         */
        public Builder openHoursOnly(boolean openHoursOnly) {
            this.openHoursOnly = openHoursOnly;
            return this;
        }

        /**
         * @param probability chance that a tick's spread is widened 2&ndash;6&times;, in [0, 1]
         * @return this builder
         * @throws IllegalArgumentException when outside [0, 1]
         */
        public Builder spreadWidening(double probability) {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("spreadWidening must be in [0, 1], was " + probability);
            }
            this.widenProbability = probability;
            return this;
        }

        /**
         * @param symbol a selected symbol
         * @param price  its start price, finite and &gt; 0
         * @return this builder
         * @throws IllegalArgumentException when the price is invalid
         */
        public Builder startPrice(String symbol, double price) {
            if (!(price > 0) || !Double.isFinite(price)) {
                throw new IllegalArgumentException("startPrice of " + symbol + " must be finite and > 0, was " + price);
            }
            startPrices.put(Objects.requireNonNull(symbol, "symbol"), price);
            return this;
        }

        /**
         * @param symbol     a selected symbol
         * @param annualVol  its annual volatility, finite and &gt;= 0 (0.07 = 7%)
         * @return this builder
         * @throws IllegalArgumentException when the volatility is invalid
         */
        public Builder volatility(String symbol, double annualVol) {
            if (!(annualVol >= 0) || !Double.isFinite(annualVol)) {
                throw new IllegalArgumentException("volatility of " + symbol + " must be finite and >= 0, was "
                        + annualVol);
            }
            vols.put(Objects.requireNonNull(symbol, "symbol"), annualVol);
            return this;
        }

        /**
         * Sets one pairwise correlation, over the defaults or the matrix.
         *
         * @param a   a selected symbol
         * @param b   another selected symbol
         * @param rho correlation in [-1, 1]
         * @return this builder
         * @throws IllegalArgumentException when {@code rho} is outside [-1, 1] or a == b
         */
        public Builder correlation(String a, String b, double rho) {
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
            if (a.equals(b)) {
                throw new IllegalArgumentException("correlation needs two different symbols, was " + a + " twice");
            }
            if (!(rho >= -1 && rho <= 1)) {
                throw new IllegalArgumentException("correlation of " + a + "/" + b + " must be in [-1, 1], was " + rho);
            }
            pairs.put(a + "/" + b, rho);
            return this;
        }

        /**
         * @param matrix full correlation matrix, rows and columns in the order of the symbols
         * @return this builder
         */
        public Builder correlationMatrix(double[][] matrix) {
            this.matrix = Objects.requireNonNull(matrix, "matrix");
            return this;
        }

        /**
         * @param repair true (default) to replace a matrix that is not positive semi-definite by
         *               the nearest valid one (logged at WARN); false to refuse it
         * @return this builder
         */
        public Builder repairCorrelations(boolean repair) {
            this.repairCorrelations = repair;
            return this;
        }

        /**
         * @return the source
         * @throws IllegalArgumentException naming the symbol or matrix cell when the configuration is invalid
         */
        public SyntheticTickSource build() {
            return new SyntheticTickSource(this);
        }
    }
}
