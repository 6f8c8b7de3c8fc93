package io.aria.risk;

import io.aria.core.AssetSpec;
import io.aria.core.OrderIntent;
import io.aria.core.Tick;
import io.aria.core.Verdict;
import io.aria.core.spi.PortfolioView;
import io.aria.core.spi.RiskGuard;
import io.aria.risk.internal.Book;
import io.aria.risk.internal.Fmt;
import io.aria.risk.internal.OrderValue;
import io.aria.risk.internal.Shrinker;
import java.util.Objects;
import java.util.Optional;

/**
 * Limits correlation-adjusted exposure, sqrt(e' R e) over signed notionals e and the
 * {@link CorrelationManager}'s matrix R: first within the cluster of symbols whose |correlation|
 * with the order's symbol reaches the cluster threshold (CORRELATION_CLUSTER), then within the
 * order's asset class (CLASS_CORRELATION). Limits are shares of equity. An order that would break
 * one is resized to the largest volume that fits, or rejected; an order that lowers the adjusted
 * exposure (a hedge) is always allowed. It also feeds the manager from {@link #onTick}.
 *
 * <p>Threading: event-loop thread only.
 */
public final class CorrelationGuard implements RiskGuard {

    private final CorrelationManager manager;
    private final RiskConfig.Correlation config;

    /**
     * @param manager the correlation estimates (this guard feeds it ticks)
     * @param config  the limits
     */
    public CorrelationGuard(CorrelationManager manager, RiskConfig.Correlation config) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** @return the manager behind this guard */
    public CorrelationManager manager() {
        return manager;
    }

    @Override
    public void onTick(Tick tick, PortfolioView portfolio) {
        manager.onTick(tick);
    }

    @Override
    public Verdict check(OrderIntent intent, PortfolioView portfolio) {
        if (!Book.increasesExposure(intent, portfolio)) {
            return Verdict.approve(RiskCodes.REDUCING, "reducing orders are never blocked by correlation limits");
        }
        int k = manager.catalog().indexOf(intent.symbol());
        Optional<AssetSpec> found = portfolio.catalog().find(intent.symbol());
        if (k < 0 || found.isEmpty()) {
            return Verdict.reject(RiskCodes.UNKNOWN_SYMBOL, "symbol " + intent.symbol() + " has no correlation estimate");
        }
        AssetSpec spec = found.get();
        OrderValue val = OrderValue.of(intent, spec, portfolio);
        double[] e = Book.signedNotionals(portfolio, manager.catalog());
        for (double x : e) {
            if (Double.isNaN(x)) {
                return Verdict.reject(RiskCodes.NO_PRICE, "cannot value the open book for correlation limits");
            }
        }
        if (val == null) {
            return Verdict.reject(RiskCodes.NO_PRICE, "cannot value " + spec.symbol() + " in "
                    + portfolio.accountCurrency());
        }
        // the open book and the order's symbol: correlations among them only, whatever the catalog's size
        int[] book = CorrelationManager.active(e, k);
        double[] matrix = manager.matrix(book); // once per check: the searches below evaluate many volumes
        boolean[] cluster = manager.cluster(k, book);
        boolean[] cls = manager.classMembers(spec.assetClass(), book);
        double classLimit = config.maxClassExposure().get(spec.assetClass());
        Shrinker s = new Shrinker(intent, spec);
        s.apply(RiskCodes.CORRELATION_CLUSTER,
                v -> OrderValue.within(adjusted(e, k, val, v, book, cluster, matrix),
                        config.maxClusterExposure() * val.equityAfter(v), adjusted(e, k, val, 0, book, cluster, matrix)),
                v -> spec.symbol() + " cluster " + members(book, cluster) + " correlation-adjusted exposure would be "
                        + Fmt.pct(adjusted(e, k, val, v, book, cluster, matrix) / val.equityAfter(v)) + " of equity, limit "
                        + Fmt.pct(config.maxClusterExposure()) + " (|correlation| >= " + Fmt.num(config.clusterThreshold())
                        + ")");
        s.apply(RiskCodes.CLASS_CORRELATION,
                v -> OrderValue.within(adjusted(e, k, val, v, book, cls, matrix), classLimit * val.equityAfter(v),
                        adjusted(e, k, val, 0, book, cls, matrix)),
                v -> spec.assetClass() + " correlation-adjusted exposure would be "
                        + Fmt.pct(adjusted(e, k, val, v, book, cls, matrix) / val.equityAfter(v)) + " of equity, limit "
                        + Fmt.pct(classLimit));
        return s.verdict();
    }

    private static double adjusted(double[] e, int k, OrderValue val, double volume, int[] book, boolean[] members,
            double[] matrix) {
        e[k] = val.signedPosition(volume);
        return CorrelationManager.adjustedExposure(e, book, members, matrix);
    }

    /** The cluster's symbols that are in the book or are the order's, e.g. {@code [EURUSD,GBPUSD]}. */
    private String members(int[] book, boolean[] m) {
        StringBuilder b = new StringBuilder("[");
        for (int a = 0; a < book.length; a++) {
            if (m[a]) {
                b.append(b.length() > 1 ? "," : "").append(manager.catalog().spec(book[a]).symbol());
            }
        }
        return b.append(']').toString();
    }

    @Override
    public String name() {
        return "correlation";
    }
}
