package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.OrderIntent;
import io.aria.core.Side;
import io.aria.core.Verdict;
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
import net.jqwik.api.statistics.Statistics;

@Label("correlation properties")
class CorrelationProperties {

    @Provide
    Arbitrary<Markets.Market> markets() {
        return Markets.markets(false);
    }

    @Provide
    Arbitrary<List<Integer>> books() {
        return Markets.books();
    }

    /**
     * Feeds {@code bars} bars of a random factor model: each symbol loads on two common factors
     * with random weights, plus noise; some symbols skip some bars.
     */
    static void feed(CorrelationManager m, int bars, long seed) {
        Random rnd = new Random(seed);
        int n = m.catalog().size();
        double[][] load = new double[n][2];
        for (double[] l : load) {
            l[0] = rnd.nextGaussian();
            l[1] = rnd.nextGaussian();
        }
        double[] price = new double[n];
        java.util.Arrays.fill(price, 100);
        double gapShare = rnd.nextDouble() * 0.3;
        for (int b = 0; b < bars; b++) {
            double f0 = rnd.nextGaussian();
            double f1 = rnd.nextGaussian();
            double[] closes = new double[n];
            for (int i = 0; i < n; i++) {
                double r = 0.001 * (load[i][0] * f0 + load[i][1] * f1 + 0.3 * rnd.nextGaussian());
                price[i] *= Math.exp(r);
                closes[i] = rnd.nextDouble() < gapShare ? Double.NaN : price[i];
            }
            m.onBar(closes);
        }
    }

    private static RiskConfig.Correlation config(double lambda, int minSamples, double prior, double maxCluster) {
        RiskConfig.Correlation d = RiskConfig.defaults().correlation();
        return new RiskConfig.Correlation(lambda, d.sampleSeconds(), minSamples, prior, d.clusterThreshold(), maxCluster,
                d.maxClassExposure());
    }

    @Property(tries = 300)
    @Label("the matrix stays symmetric with a unit diagonal, entries in [-1, 1] and no negative eigenvalue")
    void matrixIsAValidCorrelationMatrix(@ForAll("markets") Markets.Market market,
            @ForAll @IntRange(min = 0, max = 150) int bars, @ForAll long seed,
            @ForAll @DoubleRange(min = 0.5, max = 0.999) @Scale(3) double lambda, @ForAll @IntRange(min = 1, max = 60) int minSamples,
            @ForAll @DoubleRange(min = 0, max = 0.95) double prior) {
        CorrelationManager m = new CorrelationManager(market.catalog(), config(lambda, minSamples, prior, 0.25));
        feed(m, bars, seed);
        double[][] c = m.snapshot().toArray();
        int n = c.length;
        for (int i = 0; i < n; i++) {
            assertEquals(1.0, c[i][i], "diagonal " + i);
            for (int j = 0; j < n; j++) {
                assertEquals(c[i][j], c[j][i], "symmetry at " + i + "," + j);
                assertTrue(c[i][j] >= -1 && c[i][j] <= 1, "entry " + c[i][j]);
            }
        }
        double min = Jacobi.minEigenvalue(c);
        assertTrue(min >= -1e-9, "smallest eigenvalue " + min);
    }

    @Property(tries = 300)
    @Label("approved orders respect the cluster and class correlation limits")
    void approvedOrdersRespectCorrelationLimits(@ForAll("markets") Markets.Market market,
            @ForAll("books") List<Integer> book, @ForAll @IntRange(min = 0, max = 150) int bars, @ForAll long seed,
            @ForAll @DoubleRange(min = 0.01, max = 0.5) double maxCluster, @ForAll @IntRange(min = 0, max = 4) int which,
            @ForAll Side side, @ForAll @IntRange(min = 0, max = 3000) int steps) {
        TestPortfolio p = market.portfolio(true);
        Markets.applyBook(market, p, book);
        RiskConfig.Correlation cfg = config(0.95, 20, 0.3, maxCluster);
        CorrelationManager m = new CorrelationManager(p.catalog(), cfg);
        feed(m, bars, seed);
        CorrelationGuard guard = new CorrelationGuard(m, cfg);
        AssetSpec spec = market.assets().get(which % market.assets().size());
        OrderIntent intent = Orders.entry(p, spec.symbol(), side,
                Math.rint((spec.volumeMin() + steps * spec.volumeStep()) * 100) / 100);
        int k = p.catalog().indexOf(spec.symbol());
        boolean[] cluster = m.cluster(k);
        boolean[] cls = m.classMembers(spec.assetClass());
        double clusterBefore = adjusted(m, p, cluster);
        double classBefore = adjusted(m, p, cls);
        Verdict v = guard.check(intent, p);
        Statistics.collect(v.getClass().getSimpleName());
        double allowed = Orders.allowed(v, intent);
        double pre = p.netVolume(spec.symbol());
        if (Math.abs(pre + side.sign() * allowed) <= Math.abs(pre)) {
            return; // rejected, or reducing: reducing orders are never blocked by correlation limits
        }
        p.fill(intent, allowed);
        double clusterAfter = adjusted(m, p, cluster);
        double classAfter = adjusted(m, p, cls);
        double limit = cfg.maxClassExposure().get(spec.assetClass()) * p.equity();
        assertTrue(clusterAfter <= maxCluster * p.equity() * (1 + 1e-9) || clusterAfter <= clusterBefore * (1 + 1e-9),
                "cluster exposure " + clusterAfter + " > " + maxCluster * p.equity() + ", was " + clusterBefore + "; " + v);
        assertTrue(classAfter <= limit * (1 + 1e-9) || classAfter <= classBefore * (1 + 1e-9),
                "class exposure " + classAfter + " > " + limit + ", was " + classBefore + "; " + v);
    }

    private static double adjusted(CorrelationManager m, TestPortfolio p, boolean[] members) {
        AssetCatalog cat = m.catalog();
        double[] e = new double[cat.size()];
        for (int i = 0; i < e.length; i++) {
            AssetSpec s = cat.spec(i);
            e[i] = p.netVolume(s.symbol()) * s.contractSize() * p.lastTick(s.symbol()).orElseThrow().mid()
                    * p.toAccountCurrency(1, s.quoteCurrency());
        }
        double sum = 0;
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < e.length; j++) {
                if (members[i] && members[j]) {
                    sum += e[i] * e[j] * m.correlation(i, j);
                }
            }
        }
        return Math.sqrt(Math.max(0, sum));
    }
}
