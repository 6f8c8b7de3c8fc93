package io.aria.examples.bench;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.Tick;
import io.aria.core.source.SyntheticTickSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A generated catalog of any size for the scaling bench, and ticks for it.
 *
 * <p>Symbol {@code i} is copy {@code i / 21} of default asset {@code i % 21}, named like
 * {@code EURUSD_0017}: the same asset class, currencies, contract size, digits, volume steps,
 * spread, liquidity tier and trading hours as the default it copies. So 1 symbol is
 * {@code EURUSD_0000}, 21 symbols are one copy of every default asset, and 2,100 are a hundred
 * copies of each, with the default mix of asset classes.
 *
 * <p>The ticks come from a one-factor model per default asset: every step draws the 21 default
 * assets' correlated shocks (the default correlation matrix of {@link SyntheticTickSource}) and
 * each copy moves with its asset's shock plus its own noise (correlation 0.8 between copies), so
 * the correlation manager sees clusters as it does with the defaults. A step costs O(1) a tick,
 * unlike the synthetic source's full Cholesky product (O(N) a tick), so the bench measures the
 * pipeline, not the generator. Every symbol gets one tick a step, at the step's time, in a new
 * random order each step (a live feed of many symbols does not arrive in catalog order, and catalog
 * order would let neighbouring symbols share cache lines that a real feed does not share); a step
 * is 250 ms of simulated time (4 ticks a second a symbol, as {@link PipelineFixture}),
 * so a one-minute bar closes every 240 ticks of a symbol at every size and the decisions per tick
 * stay the same across sizes. {@link Ticks#stepMillis(long)} changes the step, e.g. for a fast warm-up
 * that closes bars every few ticks.
 *
 * <p>Not thread-safe.
 */
final class ScalingCatalog {

    /** Number of default assets. */
    static final int BASES = AssetCatalog.defaults().size();

    private ScalingCatalog() {
    }

    /**
     * @param n number of symbols, at least 1
     * @return the generated catalog
     * @throws IllegalArgumentException when {@code n < 1} or {@code n > 210,000}
     */
    static AssetCatalog of(int n) {
        if (n < 1 || n > 210_000) {
            throw new IllegalArgumentException("symbols must be in [1, 210000], was " + n);
        }
        List<AssetSpec> defaults = AssetCatalog.defaults().specs();
        List<AssetSpec> specs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            AssetSpec base = defaults.get(i % BASES);
            specs.add(base.toBuilder().symbol(name(base.symbol(), i / BASES))
                    .description(base.description() + " (copy " + i / BASES + ")").build());
        }
        return AssetCatalog.of(specs);
    }

    /**
     * @param base a default symbol
     * @param copy copy number
     * @return the generated name, e.g. {@code EURUSD_0017}
     */
    static String name(String base, int copy) {
        return String.format(Locale.ROOT, "%s_%04d", base, copy);
    }

    /** Ticks for a generated catalog; see the class comment. */
    static final class Ticks {

        private static final double MILLIS_PER_YEAR = 365.25 * 24 * 3600 * 1000;
        /** Correlation of a copy with its default asset's factor. */
        private static final double LOADING = Math.sqrt(0.8);
        private static final double NOISE = Math.sqrt(1 - 0.8);

        private final AssetSpec[] specs;
        private final String[] symbols;
        private final int[] base;
        /** This step's order of the symbols: a Fisher-Yates shuffle drawn one position a tick. */
        private final int[] order;
        private final double[] sigma;
        private final double[] logPrice;
        private final double[] scale;
        private final double[][] cholesky;
        private final double[] eps = new double[BASES];
        private final double[] factor = new double[BASES];
        private final SplittableRandom rng;
        private long stepMillis;
        private double sqrtDt;
        private long now;
        private int cursor;

        /**
         * @param catalog    a catalog from {@link ScalingCatalog#of}
         * @param seed       random seed
         * @param startMillis time of the first step
         */
        Ticks(AssetCatalog catalog, long seed, long startMillis) {
            int n = catalog.size();
            specs = catalog.specs().toArray(new AssetSpec[0]);
            symbols = new String[n];
            base = new int[n];
            order = new int[n];
            sigma = new double[n];
            logPrice = new double[n];
            scale = new double[n];
            List<String> defaults = AssetCatalog.defaults().symbols();
            rng = new SplittableRandom(seed);
            for (int i = 0; i < n; i++) {
                symbols[i] = specs[i].symbol();
                order[i] = i;
                base[i] = i % BASES;
                String b = defaults.get(base[i]);
                sigma[i] = SyntheticTickSource.defaultVolatility(b);
                // copies start within 10% of the default price, so they are not one series
                logPrice[i] = Math.log(SyntheticTickSource.defaultStartPrice(b) * (0.95 + 0.1 * rng.nextDouble()));
                scale[i] = Math.pow(10, specs[i].digits());
            }
            double[][] corr = new double[BASES][BASES];
            for (int i = 0; i < BASES; i++) {
                for (int j = 0; j < BASES; j++) {
                    corr[i][j] = SyntheticTickSource.defaultCorrelation(defaults.get(i), defaults.get(j));
                }
            }
            cholesky = cholesky(corr);
            stepMillis(250);
            now = startMillis;
        }

        /**
         * @param millis simulated time of one step from the next step on, at least 1
         * @return this
         */
        Ticks stepMillis(long millis) {
            if (millis < 1) {
                throw new IllegalArgumentException("stepMillis must be >= 1, was " + millis);
            }
            stepMillis = millis;
            sqrtDt = Math.sqrt(millis / MILLIS_PER_YEAR);
            return this;
        }

        /** @return simulated time of one step (one tick of every symbol) */
        long stepMillis() {
            return stepMillis;
        }

        /** @return the next tick */
        Tick next() {
            if (cursor == specs.length) {
                cursor = 0;
                now += stepMillis;
                for (int i = 0; i < BASES; i++) {
                    eps[i] = rng.nextGaussian();
                }
                for (int i = 0; i < BASES; i++) {
                    double z = 0;
                    for (int k = 0; k <= i; k++) {
                        z += cholesky[i][k] * eps[k];
                    }
                    factor[i] = z;
                }
            }
            int pick = cursor + rng.nextInt(specs.length - cursor);
            int i = order[pick];
            order[pick] = order[cursor];
            order[cursor++] = i;
            double s = sigma[i];
            double z = LOADING * factor[base[i]] + NOISE * rng.nextGaussian();
            logPrice[i] += -0.5 * s * s * sqrtDt * sqrtDt + s * sqrtDt * z;
            AssetSpec spec = specs[i];
            double point = spec.point();
            long spreadPoints = Math.max(1, Math.round(spec.typicalSpread() * (0.85 + 0.3 * rng.nextDouble()) / point));
            long bidPoints = Math.max(1, Math.round(Math.exp(logPrice[i]) / point - spreadPoints * 0.5));
            double sc = scale[i];
            double bid = Math.rint(bidPoints * point * sc) / sc;
            double ask = Math.rint((bidPoints + spreadPoints) * point * sc) / sc;
            return new Tick(symbols[i], now, bid, ask, 1 + rng.nextInt(10));
        }

        private static double[][] cholesky(double[][] a) {
            int n = a.length;
            double[][] l = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double sum = a[i][j];
                    for (int k = 0; k < j; k++) {
                        sum -= l[i][k] * l[j][k];
                    }
                    if (i == j) {
                        if (!(sum > 0)) {
                            throw new IllegalStateException("default correlation matrix is not positive definite");
                        }
                        l[i][i] = Math.sqrt(sum);
                    } else {
                        l[i][j] = sum / l[j][j];
                    }
                }
            }
            return l;
        }
    }
}
