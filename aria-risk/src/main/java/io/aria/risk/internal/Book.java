package io.aria.risk.internal;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.OrderIntent;
import io.aria.core.Position;
import io.aria.core.spi.PortfolioView;
import java.util.List;

/** The open book as the risk rules see it: signed net notionals in the account currency. */
public final class Book {

    private Book() {
    }

    /**
     * @param intent    an order
     * @param portfolio the state
     * @return whether filling it makes the symbol's net position larger in absolute size (orders
     *     flagged {@link OrderIntent#reducing()} never do)
     */
    public static boolean increasesExposure(OrderIntent intent, PortfolioView portfolio) {
        if (intent.reducing()) {
            return false;
        }
        double pre = portfolio.netVolume(intent.symbol());
        double post = pre + intent.side().sign() * intent.volume();
        return Math.abs(post) > Math.abs(pre) + 1e-12;
    }

    /**
     * @param portfolio the state
     * @param spec      an asset
     * @return the price an open position is marked at: the last mid, else the position's own
     *     current price, else NaN
     */
    public static double mark(PortfolioView portfolio, AssetSpec spec) {
        double m = Pricing.mark(portfolio, spec);
        if (!Double.isNaN(m)) {
            return m;
        }
        for (Position p : portfolio.positions()) {
            if (p.symbol().equals(spec.symbol())) {
                return p.currentPrice();
            }
        }
        return Double.NaN;
    }

    /**
     * @param portfolio the state
     * @param symbols   the symbols, in the order of the result
     * @return the signed net notional of each symbol in the account currency (0 when flat, NaN
     *     when open but no price or rate is known)
     */
    public static double[] signedNotionals(PortfolioView portfolio, AssetCatalog symbols) {
        double[] out = new double[symbols.size()];
        // the open book, not the catalog: O(positions) (a symbol with several positions is valued
        // again, to the same figure)
        for (Position p : portfolio.positions()) {
            int i = symbols.indexOf(p.symbol());
            if (i < 0) {
                continue;
            }
            AssetSpec spec = specOf(portfolio, symbols.spec(i));
            double net = portfolio.netVolume(spec.symbol());
            if (net != 0) {
                out[i] = spec.notional(net, mark(portfolio, spec)) * Pricing.rate(portfolio, spec.quoteCurrency());
            }
        }
        return out;
    }

    /**
     * @param portfolio the state
     * @param fallback  a spec
     * @return the portfolio catalog's spec of the same symbol (broker overrides), else {@code fallback}
     */
    public static AssetSpec specOf(PortfolioView portfolio, AssetSpec fallback) {
        return portfolio.catalog().find(fallback.symbol()).orElse(fallback);
    }

    /**
     * @param portfolio the state
     * @return how many catalog symbols have an open position
     */
    public static int openSymbols(PortfolioView portfolio) {
        // the open book, not the catalog: O(positions^2) string compares for the few open positions
        List<Position> positions = portfolio.positions();
        int n = 0;
        for (int k = 0; k < positions.size(); k++) {
            String symbol = positions.get(k).symbol();
            if (portfolio.netVolume(symbol) == 0 || portfolio.catalog().indexOf(symbol) < 0) {
                continue;
            }
            boolean seen = false;
            for (int j = 0; j < k && !seen; j++) {
                seen = positions.get(j).symbol().equals(symbol);
            }
            if (!seen) {
                n++;
            }
        }
        return n;
    }
}
