package io.aria.risk;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.OrderIntent;
import io.aria.core.Verdict;
import io.aria.core.spi.PortfolioView;
import io.aria.risk.internal.Book;
import io.aria.risk.internal.OrderValue;
import io.aria.risk.internal.Pricing;
import io.aria.risk.internal.Shrinker;
import java.util.Arrays;
import java.util.Optional;

/**
 * The correlation rules as they were before they scaled with the catalog: a full n x n moment
 * matrix and prior updated on every sample, and a check that builds the whole correlation matrix
 * and sweeps every catalog symbol. The reference the scaled code must agree with to the last bit.
 */
final class DenseReference {

    private final AssetCatalog catalog;
    private final int n;
    private final RiskConfig.Correlation config;
    private final double[] prior;
    private final double[] moments;
    private final double[] lastPrice;
    private final double[] samplePrice;
    private final double[] returns;
    private long samples;

    DenseReference(AssetCatalog catalog, RiskConfig.Correlation config) {
        this.catalog = catalog;
        this.n = catalog.size();
        this.config = config;
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

    void onBar(double[] closes) {
        for (int i = 0; i < n; i++) {
            if (closes[i] > 0 && !Double.isInfinite(closes[i])) {
                lastPrice[i] = closes[i];
            }
        }
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
        double lambda = config.lambda();
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

    double correlation(int i, int j) {
        if (i == j) {
            return 1.0;
        }
        double w = Math.min(1.0, (double) samples / config.minSamples());
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

    double[] matrix() {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i * n + j] = correlation(i, j);
            }
        }
        return m;
    }

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

    /** Signed notionals by sweeping every catalog symbol. */
    static double[] signedNotionals(PortfolioView portfolio, AssetCatalog symbols) {
        double[] out = new double[symbols.size()];
        for (int i = 0; i < out.length; i++) {
            AssetSpec spec = Book.specOf(portfolio, symbols.spec(i));
            double net = portfolio.netVolume(spec.symbol());
            if (net != 0) {
                out[i] = spec.notional(net, Book.mark(portfolio, spec)) * Pricing.rate(portfolio, spec.quoteCurrency());
            }
        }
        return out;
    }

    /** The correlation guard's check with the whole matrix (messages left out). */
    Verdict check(OrderIntent intent, PortfolioView portfolio) {
        if (!Book.increasesExposure(intent, portfolio)) {
            return Verdict.approve(RiskCodes.REDUCING, "reducing");
        }
        int k = catalog.indexOf(intent.symbol());
        Optional<AssetSpec> found = portfolio.catalog().find(intent.symbol());
        if (k < 0 || found.isEmpty()) {
            return Verdict.reject(RiskCodes.UNKNOWN_SYMBOL, "unknown");
        }
        AssetSpec spec = found.get();
        OrderValue val = OrderValue.of(intent, spec, portfolio);
        double[] e = signedNotionals(portfolio, catalog);
        for (double x : e) {
            if (Double.isNaN(x)) {
                return Verdict.reject(RiskCodes.NO_PRICE, "no price");
            }
        }
        if (val == null) {
            return Verdict.reject(RiskCodes.NO_PRICE, "no value");
        }
        double[] matrix = matrix();
        boolean[] cluster = new boolean[n];
        boolean[] cls = new boolean[n];
        for (int j = 0; j < n; j++) {
            cluster[j] = j == k || Math.abs(correlation(k, j)) >= config.clusterThreshold();
            cls[j] = catalog.spec(j).assetClass() == spec.assetClass();
        }
        double classLimit = config.maxClassExposure().get(spec.assetClass());
        Shrinker s = new Shrinker(intent, spec);
        s.apply(RiskCodes.CORRELATION_CLUSTER,
                v -> OrderValue.within(adjusted(e, k, val, v, cluster, matrix),
                        config.maxClusterExposure() * val.equityAfter(v), adjusted(e, k, val, 0, cluster, matrix)),
                v -> "cluster");
        s.apply(RiskCodes.CLASS_CORRELATION,
                v -> OrderValue.within(adjusted(e, k, val, v, cls, matrix), classLimit * val.equityAfter(v),
                        adjusted(e, k, val, 0, cls, matrix)),
                v -> "class");
        return s.verdict();
    }

    private static double adjusted(double[] e, int k, OrderValue val, double volume, boolean[] members, double[] matrix) {
        e[k] = val.signedPosition(volume);
        return adjustedExposure(e, members, matrix);
    }
}
