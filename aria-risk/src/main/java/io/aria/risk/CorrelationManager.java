package io.aria.risk;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetClass;
import io.aria.core.Tick;
import io.aria.core.spi.PortfolioView;
import io.aria.risk.internal.Book;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A rolling correlation matrix of the catalog's returns, exponentially weighted.
 *
 * <p>Returns are sampled on a fixed grid of tick time ({@code sampleSeconds}): at each grid point
 * every symbol's log return since the previous point is taken (0 for a symbol that has not moved
 * or has no price), and the matrix of second moments is updated as C = &lambda;C + (1 - &lambda;)
 * r r'. Because every update adds a positive semi-definite term for the whole vector, the
 * estimate stays positive semi-definite, and so does the correlation matrix derived from it.
 * Bars can be fed directly with {@link #onBar(double[])}.
 *
 * <p>Warm-up: until {@code minSamples} returns have been seen the matrix is a blend w &times;
 * estimate + (1 - w) &times; prior with w = samples / minSamples; the prior gives assets of one
 * class a correlation of {@code priorIntraClass} and others 0 (also positive semi-definite).
 *
 * <p>Threading: event-loop thread only; {@link #onTick} and {@link #onPrice} do not allocate.
 * {@link #snapshot()} and {@link #exposures} return immutable copies that may be handed to other
 * threads.
 */
public final class CorrelationManager {

    private final AssetCatalog catalog;
    private final int n;
    private final double lambda;
    private final long sampleMillis;
    private final int minSamples;
    private final double clusterThreshold;
    private final double[] prior;
    private final double[] moments;
    private final double[] lastPrice;
    private final double[] samplePrice;
    private final double[] returns;
    private long nextSampleMillis = Long.MIN_VALUE;
    private long samples;

    /**
     * @param catalog the symbols
     * @param config  the correlation section of a {@link RiskConfig}
     */
    public CorrelationManager(AssetCatalog catalog, RiskConfig.Correlation config) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.n = catalog.size();
        this.lambda = config.lambda();
        this.sampleMillis = config.sampleSeconds() * 1000L;
        this.minSamples = config.minSamples();
        this.clusterThreshold = config.clusterThreshold();
        this.prior = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                prior[i * n + j] = i == j ? 1.0
                        : catalog.spec(i).assetClass() == catalog.spec(j).assetClass() ? config.priorIntraClass() : 0.0;
            }
        }
        this.moments = new double[n * n];
        this.lastPrice = new double[n];
        this.samplePrice = new double[n];
        Arrays.fill(lastPrice, Double.NaN);
        Arrays.fill(samplePrice, Double.NaN);
        this.returns = new double[n];
    }

    /** @return the symbols, indexed as the matrix */
    public AssetCatalog catalog() {
        return catalog;
    }

    /** @param tick a valid tick; ticks of symbols outside the catalog are ignored */
    public void onTick(Tick tick) {
        int i = catalog.indexOf(tick.symbol());
        if (i >= 0) {
            onPrice(i, tick.epochMillis(), tick.mid());
        }
    }

    /**
     * @param index       catalog index
     * @param epochMillis time of the price
     * @param price       the price, &gt; 0 (others are ignored)
     */
    public void onPrice(int index, long epochMillis, double price) {
        if (!(price > 0) || Double.isInfinite(price)) {
            return;
        }
        if (epochMillis >= nextSampleMillis) {
            if (nextSampleMillis != Long.MIN_VALUE) {
                sample();
            }
            nextSampleMillis = (Math.floorDiv(epochMillis, sampleMillis) + 1) * sampleMillis;
        }
        lastPrice[index] = price;
    }

    /**
     * Takes one sample from bar closes instead of ticks.
     *
     * @param closes one close per catalog index; NaN or non-positive where a symbol has none
     */
    public void onBar(double[] closes) {
        if (closes.length != n) {
            throw new IllegalArgumentException("closes must have " + n + " entries, had " + closes.length);
        }
        for (int i = 0; i < n; i++) {
            if (closes[i] > 0 && !Double.isInfinite(closes[i])) {
                lastPrice[i] = closes[i];
            }
        }
        sample();
    }

    private void sample() {
        boolean any = false;
        for (int i = 0; i < n; i++) {
            double p = lastPrice[i];
            double q = samplePrice[i];
            double r = 0;
            if (p > 0 && q > 0) {
                r = Math.log(p / q);
                any = true;
            }
            returns[i] = r;
            samplePrice[i] = p;
        }
        if (!any) {
            return;
        }
        double w = 1 - lambda;
        for (int i = 0; i < n; i++) {
            double ri = returns[i];
            int row = i * n;
            for (int j = i; j < n; j++) {
                double v = lambda * moments[row + j] + w * ri * returns[j];
                moments[row + j] = v;
                moments[j * n + i] = v;
            }
        }
        samples++;
    }

    /** @return return samples seen */
    public long samples() {
        return samples;
    }

    /** @return weight of the estimate against the prior, in [0, 1] */
    public double estimateWeight() {
        return Math.min(1.0, (double) samples / minSamples);
    }

    /**
     * @param i catalog index
     * @param j catalog index
     * @return the current correlation, in [-1, 1]; 1 on the diagonal
     */
    public double correlation(int i, int j) {
        if (i == j) {
            return 1.0;
        }
        double w = estimateWeight();
        double est = 0;
        if (w > 0) {
            double vi = moments[i * n + i];
            double vj = moments[j * n + j];
            if (vi > 0 && vj > 0) {
                est = moments[i * n + j] / Math.sqrt(vi * vj);
            }
        }
        double c = w * est + (1 - w) * prior[i * n + j];
        return c > 1 ? 1 : c < -1 ? -1 : c;
    }

    /**
     * @param a a catalog symbol
     * @param b a catalog symbol
     * @return their current correlation
     * @throws IllegalArgumentException when a symbol is unknown
     */
    public double correlation(String a, String b) {
        return correlation(index(a), index(b));
    }

    private int index(String symbol) {
        int i = catalog.indexOf(symbol);
        if (i < 0) {
            throw new IllegalArgumentException("symbol " + symbol + " is not in the catalog");
        }
        return i;
    }

    /**
     * @param i catalog index
     * @param j catalog index
     * @return whether the two symbols are in one cluster: the same symbol, or |correlation| at or
     *     above the cluster threshold
     */
    public boolean sameCluster(int i, int j) {
        return i == j || Math.abs(correlation(i, j)) >= clusterThreshold;
    }

    /**
     * Correlation-adjusted exposure of a set of positions: sqrt(e' R e) over the members, with
     * the current matrix.
     *
     * @param exposures exposure per catalog index (notional, or share of equity)
     * @param members   which indices take part
     * @return the adjusted exposure, in the unit of {@code exposures}
     */
    public double adjustedExposure(double[] exposures, boolean[] members) {
        return adjustedExposure(exposures, members, matrix());
    }

    /**
     * @param exposures exposure per index
     * @param members   which indices take part
     * @param matrix    a row-major correlation matrix from {@link #matrix()}
     * @return sqrt(e' R e) over the members
     */
    static double adjustedExposure(double[] exposures, boolean[] members, double[] matrix) {
        int size = exposures.length;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            if (!members[i] || exposures[i] == 0) {
                continue;
            }
            sum += exposures[i] * exposures[i];
            for (int j = i + 1; j < size; j++) {
                if (members[j] && exposures[j] != 0) {
                    sum += 2 * exposures[i] * exposures[j] * matrix[i * size + j];
                }
            }
        }
        return Math.sqrt(Math.max(0, sum));
    }

    /** @return a fresh row-major copy of the current matrix */
    double[] matrix() {
        return matrix(null);
    }

    /**
     * The current matrix into a caller's buffer, so a guard that reads it on every check allocates
     * nothing (the matrix has n&sup2; entries: 3.5 KB at 21 symbols, 35 MB at 2,100).
     *
     * @param into a buffer of n&sup2; entries to overwrite, or null (or one of another size) for a new one
     * @return the buffer written, row-major
     */
    double[] matrix(double[] into) {
        double[] m = into != null && into.length == n * n ? into : new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i * n + j] = correlation(i, j);
            }
        }
        return m;
    }

    /**
     * @param k catalog index
     * @return membership of k's cluster
     */
    public boolean[] cluster(int k) {
        boolean[] m = new boolean[n];
        for (int j = 0; j < n; j++) {
            m[j] = sameCluster(k, j);
        }
        return m;
    }

    /**
     * @param assetClass a class
     * @return membership of that class
     */
    public boolean[] classMembers(AssetClass assetClass) {
        boolean[] m = new boolean[n];
        for (int j = 0; j < n; j++) {
            m[j] = catalog.spec(j).assetClass() == assetClass;
        }
        return m;
    }

    /** @return an immutable copy of the current matrix */
    public CorrelationSnapshot snapshot() {
        return new CorrelationSnapshot(catalog.symbols(), matrix(), samples, estimateWeight());
    }

    /**
     * @param portfolio the state (call on the event loop)
     * @return the book's exposures as shares of equity, with correlation-adjusted figures
     */
    public ExposureSnapshot exposures(PortfolioView portfolio) {
        double equity = portfolio.equity();
        double[] e = Book.signedNotionals(portfolio, catalog);
        for (int i = 0; i < n; i++) {
            e[i] = e[i] / equity;
        }
        Map<String, Double> bySymbol = new HashMap<>();
        Map<String, Double> clusters = new HashMap<>();
        Map<AssetClass, Double> gross = new EnumMap<>(AssetClass.class);
        Map<AssetClass, Double> correlated = new EnumMap<>(AssetClass.class);
        double total = 0;
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        double[] matrix = matrix();
        for (int i = 0; i < n; i++) {
            if (e[i] != 0) {
                String s = catalog.spec(i).symbol();
                bySymbol.put(s, e[i]);
                clusters.put(s, adjustedExposure(e, cluster(i), matrix));
                gross.merge(catalog.spec(i).assetClass(), Math.abs(e[i]), Double::sum);
                total += Math.abs(e[i]);
            }
        }
        for (AssetClass c : gross.keySet()) {
            correlated.put(c, adjustedExposure(e, classMembers(c), matrix));
        }
        return new ExposureSnapshot(portfolio.accountCurrency(), equity, bySymbol, gross, correlated, clusters, total,
                adjustedExposure(e, all, matrix));
    }
}
