package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.OrderIntent;
import io.aria.core.Side;
import io.aria.core.Verdict;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/**
 * The correlation rules keep their moments as one triangle and read only the open book's
 * correlations, so that their cost follows the book, not the catalog. These properties hold them
 * to the dense n x n algorithm they replaced ({@link DenseReference}), to the last bit: the same
 * correlations, the same adjusted exposures, the same verdicts.
 */
@Label("correlation at scale agrees with the dense matrix")
class ScalingProperties {

    @Provide
    Arbitrary<Markets.Market> markets() {
        return Markets.markets(false);
    }

    @Provide
    Arbitrary<List<Integer>> books() {
        return Markets.books();
    }

    private static RiskConfig.Correlation config(double lambda, int minSamples, double prior, double maxCluster) {
        RiskConfig.Correlation d = RiskConfig.defaults().correlation();
        return new RiskConfig.Correlation(lambda, d.sampleSeconds(), minSamples, prior, d.clusterThreshold(), maxCluster,
                d.maxClassExposure());
    }

    /** The same random bars (two factors, noise, gaps) into both. */
    private static void feed(CorrelationManager m, DenseReference ref, int bars, long seed) {
        Random rnd = new Random(seed);
        int n = m.catalog().size();
        double[][] load = new double[n][2];
        for (double[] l : load) {
            l[0] = rnd.nextGaussian();
            l[1] = rnd.nextGaussian();
        }
        double[] price = new double[n];
        Arrays.fill(price, 100);
        double gapShare = rnd.nextDouble() * 0.3;
        for (int b = 0; b < bars; b++) {
            double f0 = rnd.nextGaussian();
            double f1 = rnd.nextGaussian();
            double[] closes = new double[n];
            for (int i = 0; i < n; i++) {
                price[i] *= Math.exp(0.001 * (load[i][0] * f0 + load[i][1] * f1 + 0.3 * rnd.nextGaussian()));
                closes[i] = rnd.nextDouble() < gapShare ? Double.NaN : price[i];
            }
            m.onBar(closes.clone());
            ref.onBar(closes);
        }
    }

    @Property(tries = 200)
    @Label("the triangle of moments gives the dense matrix's correlations, to the last bit")
    void correlationsEqualTheDenseMatrix(@ForAll @IntRange(min = 1, max = 90) int symbols,
            @ForAll @IntRange(min = 0, max = 120) int bars, @ForAll long seed,
            @ForAll @DoubleRange(min = 0.5, max = 0.999) @Scale(3) double lambda,
            @ForAll @IntRange(min = 1, max = 60) int minSamples, @ForAll @DoubleRange(min = 0, max = 0.95) double prior) {
        AssetCatalog catalog = GeneratedCatalog.of(symbols);
        RiskConfig.Correlation cfg = config(lambda, minSamples, prior, 7.5);
        CorrelationManager m = new CorrelationManager(catalog, cfg);
        DenseReference ref = new DenseReference(catalog, cfg);
        feed(m, ref, bars, seed);
        double[][] snap = m.snapshot().toArray();
        for (int i = 0; i < symbols; i++) {
            for (int j = 0; j < symbols; j++) {
                assertEquals(ref.correlation(i, j), m.correlation(i, j), "correlation " + i + "," + j);
                assertEquals(ref.correlation(i, j), snap[i][j], "snapshot " + i + "," + j);
            }
        }
    }

    @Property(tries = 150)
    @Label("a sample spread over the following ticks reads as if it were whole, at every tick")
    void aSampleSpreadOverTicks_readsAsTheWholeSample(@ForAll @IntRange(min = 1, max = 70) int symbols,
            @ForAll @IntRange(min = 1, max = 40) int ticksPerSample, @ForAll @IntRange(min = 0, max = 1500) int ticks,
            @ForAll long seed, @ForAll @DoubleRange(min = 0.5, max = 0.999) @Scale(3) double lambda) {
        AssetCatalog catalog = GeneratedCatalog.of(symbols);
        RiskConfig.Correlation cfg = config(lambda, 5, 0.3, 7.5);
        CorrelationManager m = new CorrelationManager(catalog, cfg);
        DenseReference ref = new DenseReference(catalog, cfg);
        long sampleMillis = cfg.sampleSeconds() * 1000L;
        Random rnd = new Random(seed);
        double[] price = new double[symbols];
        Arrays.fill(price, 100);
        double[] last = new double[symbols];
        Arrays.fill(last, Double.NaN);
        long next = Long.MIN_VALUE;
        long t = 1_700_000_000_000L;
        boolean sawPending = false;
        for (int k = 0; k < ticks; k++) {
            t += 1 + rnd.nextInt((int) (2 * sampleMillis / ticksPerSample));
            int i = rnd.nextInt(symbols);
            price[i] *= Math.exp(0.002 * rnd.nextGaussian());
            // the reference takes the grid's samples whole, from the prices before the crossing tick
            if (t >= next) {
                if (next != Long.MIN_VALUE) {
                    ref.onBar(last.clone());
                }
                next = (Math.floorDiv(t, sampleMillis) + 1) * sampleMillis;
            }
            last[i] = price[i];
            m.onPrice(i, t, price[i]);
            sawPending |= m.pendingCells() > 0;
            int a = rnd.nextInt(symbols);
            int b = rnd.nextInt(symbols);
            assertEquals(ref.correlation(a, b), m.correlation(a, b), "tick " + k + ", correlation " + a + "," + b);
            assertEquals(ref.correlation(a, a), m.correlation(a, a));
        }
        double[][] snap = m.snapshot().toArray();
        for (int a = 0; a < symbols; a++) {
            for (int b = 0; b < symbols; b++) {
                assertEquals(ref.correlation(a, b), snap[a][b], "snapshot " + a + "," + b);
            }
        }
        net.jqwik.api.statistics.Statistics.collect(sawPending ? "a sample was pending" : "never pending");
    }

    @Property(tries = 300)
    @Label("checks over the open book give the dense check's verdicts and exposures")
    void verdictsAndExposuresEqualTheDenseCheck(@ForAll("markets") Markets.Market market,
            @ForAll("books") List<Integer> book, @ForAll @IntRange(min = 0, max = 100) int bars, @ForAll long seed,
            @ForAll @DoubleRange(min = 0.01, max = 3) double maxCluster, @ForAll @IntRange(min = 0, max = 7) int which,
            @ForAll Side side, @ForAll @IntRange(min = 0, max = 3000) int steps) {
        TestPortfolio p = market.portfolio(true);
        Markets.applyBook(market, p, book);
        RiskConfig.Correlation cfg = config(0.95, 20, 0.3, maxCluster);
        CorrelationManager m = new CorrelationManager(p.catalog(), cfg);
        DenseReference ref = new DenseReference(p.catalog(), cfg);
        feed(m, ref, bars, seed);
        AssetSpec spec = p.catalog().spec(which % p.catalog().size());
        OrderIntent intent = Orders.entry(p, spec.symbol(), side,
                Math.rint((spec.volumeMin() + steps * spec.volumeStep()) * 100) / 100);

        Verdict scaled = new CorrelationGuard(m, cfg).check(intent, p);
        Verdict dense = ref.check(intent, p);
        assertEquals(dense.getClass(), scaled.getClass(), dense + " vs " + scaled);
        assertEquals(dense.code(), scaled.code(), dense + " vs " + scaled);
        assertEquals(Orders.allowed(dense, intent), Orders.allowed(scaled, intent), dense + " vs " + scaled);

        double[] e = DenseReference.signedNotionals(p, p.catalog());
        boolean[] all = new boolean[e.length];
        Arrays.fill(all, true);
        double[] matrix = ref.matrix();
        assertEquals(DenseReference.adjustedExposure(e, all, matrix), m.adjustedExposure(e, all), "adjusted exposure");
        for (int i = 0; i < e.length; i++) {
            e[i] = e[i] / p.equity();
        }
        assertEquals(DenseReference.adjustedExposure(e, all, matrix), m.exposures(p).accountCorrelated(),
                "account correlated exposure");
    }
}
