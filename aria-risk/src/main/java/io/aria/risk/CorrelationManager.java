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
 * <p>Cost: the moments are one symmetric matrix kept as its upper triangle (n(n+1)/2 doubles;
 * 17.6 MB at 2,100 symbols) and the prior is computed from the asset classes, not stored. A sample
 * costs n(n+1)/2 multiply-adds (2.2 M at 2,100 symbols), once per {@code sampleSeconds} of tick
 * time; the tick that crosses the sample point takes the returns and then this tick and the next
 * ones each write a slice of the cells (at least {@value #MIN_SLICE}, sized to finish within half
 * the ticks of the last interval), so no single tick carries the whole sample. A cell not yet
 * written is read as its new value computed from the sample's returns, so every read sees the
 * whole sample, to the last bit; a sample still unfinished when the next one starts, or one fed by
 * {@link #onBar}, is finished at once. A risk
 * check reads only the correlations among the symbols that have exposure (see
 * {@link #adjustedExposure(double[], boolean[])}), so its cost grows with the open book, not with
 * the catalog; only {@link #snapshot()} builds the whole n &times; n matrix.
 *
 * <p>Threading: event-loop thread only; {@link #onTick} and {@link #onPrice} do not allocate.
 * {@link #snapshot()} and {@link #exposures} return immutable copies that may be handed to other
 * threads.
 */
public final class CorrelationManager {

    /** Largest catalog the manager accepts: its moments fit one Java array. */
    public static final int MAX_SYMBOLS = 65_535;
    /** Fewest moment cells a tick writes while a sample is pending (about 0.2 us of work). */
    static final int MIN_SLICE = 256;

    private final AssetCatalog catalog;
    private final int n;
    private final double lambda;
    private final long sampleMillis;
    private final int minSamples;
    private final double clusterThreshold;
    private final double priorIntraClass;
    /** Asset class of each catalog index, for the prior and class membership. */
    private final AssetClass[] classes;
    /** Upper triangle of the second moments, row by row: (i, j >= i) at {@code rowStart[i] + j - i}. */
    private final double[] moments;
    private final int[] rowStart;
    /** Cells of the pending sample written so far (all of them when none is pending). */
    private int done;
    /** Row of the next cell to write. */
    private int row;
    /** Cells written a tick while a sample is pending. */
    private int slice = MIN_SLICE;
    private long ticksSinceSample;
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
        this.priorIntraClass = config.priorIntraClass();
        if (n > MAX_SYMBOLS) {
            throw new IllegalArgumentException("catalog has " + n + " symbols; the correlation manager holds at most "
                    + MAX_SYMBOLS + " (one moment per pair)");
        }
        this.classes = new AssetClass[n];
        for (int i = 0; i < n; i++) {
            classes[i] = catalog.spec(i).assetClass();
        }
        this.moments = new double[(int) ((long) n * (n + 1) / 2)];
        this.done = moments.length;
        this.rowStart = new int[n];
        for (int i = 0, start = 0; i < n; i++) {
            rowStart[i] = start;
            start += n - i;
        }
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
                beginSample();
            }
            nextSampleMillis = (Math.floorDiv(epochMillis, sampleMillis) + 1) * sampleMillis;
        }
        lastPrice[index] = price;
        ticksSinceSample++;
        if (done < moments.length) {
            advance(slice);
        }
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
        beginSample();
        advance(moments.length - done); // bars are fed by callers that want the sample now
    }

    /**
     * Takes the returns of a sample and counts it; the moments then follow {@link #slice} cells a
     * tick ({@link #advance}), and until a cell is updated {@link #moment} computes its new value
     * from the sample's returns, so every read sees the whole sample.
     */
    private void beginSample() {
        advance(moments.length - done); // the previous sample, if the ticks did not finish it
        long interval = ticksSinceSample;
        ticksSinceSample = 0;
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
        samples++;
        done = 0;
        row = 0;
        // finish within half the ticks of the last interval, and never less than MIN_SLICE cells a tick
        long perTick = interval <= 0 ? MIN_SLICE : (2L * moments.length + interval - 1) / interval;
        slice = (int) Math.max(MIN_SLICE, Math.min(moments.length, perTick));
    }

    /**
     * Updates the next cells of the pending sample: m = &lambda;m + (1 - &lambda;) r<sub>i</sub> r<sub>j</sub>, row by row.
     *
     * @param cells how many at most
     */
    private void advance(int cells) {
        int end = (int) Math.min(moments.length, (long) done + cells);
        double w = 1 - lambda;
        double[] m = moments;
        double[] r = returns;
        while (done < end) {
            int i = row;
            int rowEnd = rowStart[i] + n - i;
            int stop = Math.min(end, rowEnd);
            double wri = w * r[i];
            int at = rowStart[i] - i; // m[at + j] is (i, j); one contiguous run per row
            for (int j = done - at, last = stop - at; j < last; j++) {
                m[at + j] = lambda * m[at + j] + wri * r[j];
            }
            done = stop;
            if (stop == rowEnd) {
                row++;
            }
        }
    }

    /**
     * @param i a catalog index
     * @param j a catalog index, at least {@code i}
     * @return the second moment of the two, with the pending sample in it
     */
    private double moment(int i, int j) {
        int at = rowStart[i] + j - i;
        double v = moments[at];
        if (at >= done) {
            v = lambda * v + (1 - lambda) * returns[i] * returns[j];
        }
        return v;
    }

    /** @return cells of the last sample not yet written into the moments (reads include them anyway) */
    int pendingCells() {
        return moments.length - done;
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
            double vi = moment(i, i);
            double vj = moment(j, j);
            if (vi > 0 && vj > 0) {
                est = (i < j ? moment(i, j) : moment(j, i)) / Math.sqrt(vi * vj);
            }
        }
        double prior = classes[i] == classes[j] ? priorIntraClass : 0.0;
        double c = w * est + (1 - w) * prior;
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
     * the current matrix. Reads the correlations of the pairs that both have exposure only, so it
     * costs O(p&sup2;) for p non-zero exposures, not O(n&sup2;) for the catalog.
     *
     * @param exposures exposure per catalog index (notional, or share of equity)
     * @param members   which indices take part
     * @return the adjusted exposure, in the unit of {@code exposures}
     * @throws IllegalArgumentException when an array does not have one entry per catalog symbol
     */
    public double adjustedExposure(double[] exposures, boolean[] members) {
        if (exposures.length != n || members.length != n) {
            throw new IllegalArgumentException("exposures and members must have " + n + " entries (one per catalog"
                    + " symbol), had " + exposures.length + " and " + members.length);
        }
        int[] active = active(exposures, -1);
        boolean[] m = new boolean[active.length];
        for (int a = 0; a < active.length; a++) {
            m[a] = members[active[a]];
        }
        return adjustedExposure(exposures, active, m, matrix(active));
    }

    /**
     * sqrt(e' R e) over the members among some indices; exposures outside {@code idx} must be 0.
     * The terms are added in the order of a full sweep of the catalog, so the figure is the same
     * to the last bit as with the whole matrix.
     *
     * @param exposures exposure per catalog index
     * @param idx       ascending catalog indices that include every non-zero exposure
     * @param members   which of {@code idx} take part, by position in {@code idx}
     * @param matrix    row-major correlations among {@code idx}, from {@link #matrix(int[])}
     * @return sqrt(e' R e) over the members
     */
    static double adjustedExposure(double[] exposures, int[] idx, boolean[] members, double[] matrix) {
        int p = idx.length;
        double sum = 0;
        for (int a = 0; a < p; a++) {
            double ei = exposures[idx[a]];
            if (!members[a] || ei == 0) {
                continue;
            }
            sum += ei * ei;
            for (int b = a + 1; b < p; b++) {
                double ej = exposures[idx[b]];
                if (members[b] && ej != 0) {
                    sum += 2 * ei * ej * matrix[a * p + b];
                }
            }
        }
        return Math.sqrt(Math.max(0, sum));
    }

    /**
     * @param exposures exposure per catalog index
     * @param extra     an index to include whatever its exposure, or -1
     * @return the ascending catalog indices whose exposure is not 0 (NaN included), and {@code extra}
     */
    static int[] active(double[] exposures, int extra) {
        int count = 0;
        for (int i = 0; i < exposures.length; i++) {
            if (exposures[i] != 0 || i == extra) {
                count++;
            }
        }
        int[] out = new int[count];
        for (int i = 0, a = 0; i < exposures.length; i++) {
            if (exposures[i] != 0 || i == extra) {
                out[a++] = i;
            }
        }
        return out;
    }

    /**
     * @param idx catalog indices
     * @return a fresh row-major copy of the correlations among them
     */
    double[] matrix(int[] idx) {
        int p = idx.length;
        double[] m = new double[p * p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                m[a * p + b] = correlation(idx[a], idx[b]);
            }
        }
        return m;
    }

    /**
     * @param k   catalog index
     * @param idx catalog indices
     * @return for each of {@code idx}, whether it is in k's cluster
     */
    boolean[] cluster(int k, int[] idx) {
        boolean[] m = new boolean[idx.length];
        for (int a = 0; a < idx.length; a++) {
            m[a] = sameCluster(k, idx[a]);
        }
        return m;
    }

    /**
     * @param assetClass a class
     * @param idx        catalog indices
     * @return for each of {@code idx}, whether it is of that class
     */
    boolean[] classMembers(AssetClass assetClass, int[] idx) {
        boolean[] m = new boolean[idx.length];
        for (int a = 0; a < idx.length; a++) {
            m[a] = classes[idx[a]] == assetClass;
        }
        return m;
    }

    /** @return a fresh row-major copy of the current matrix */
    double[] matrix() {
        return matrix((double[]) null);
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
            m[j] = classes[j] == assetClass;
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
        int[] active = active(e, -1); // the open book: correlations among it only, not the whole matrix
        boolean[] all = new boolean[active.length];
        Arrays.fill(all, true);
        double[] matrix = matrix(active);
        for (int i : active) {
            String s = catalog.spec(i).symbol();
            bySymbol.put(s, e[i]);
            clusters.put(s, adjustedExposure(e, active, cluster(i, active), matrix));
            gross.merge(classes[i], Math.abs(e[i]), Double::sum);
            total += Math.abs(e[i]);
        }
        for (AssetClass c : gross.keySet()) {
            correlated.put(c, adjustedExposure(e, active, classMembers(c, active), matrix));
        }
        return new ExposureSnapshot(portfolio.accountCurrency(), equity, bySymbol, gross, correlated, clusters, total,
                adjustedExposure(e, active, all, matrix));
    }
}
