package io.aria.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Converts amounts into the account currency with the latest forex prices of the catalog: JPY
 * through USDJPY, GBP through GBPUSD, and crosses through USD when no direct pair exists.
 *
 * <p>Single writer: not safe for use from multiple threads; each owner (the pipeline, a paper
 * broker) keeps its own. {@link #update} and {@link #toAccount} do not allocate.
 */
public final class CurrencyConverter {

    private final AssetCatalog catalog;
    private final String accountCurrency;
    private final double[] mids;
    private final Map<String, Route> routes = new HashMap<>();

    /** How to reach the account currency: up to two legs, each a pair index and a direction. */
    private record Route(int leg1, boolean invert1, int leg2, boolean invert2) {
    }

    /**
     * @param catalog         the assets; its FOREX pairs provide the rates
     * @param accountCurrency the currency amounts are converted into, for example USD
     */
    public CurrencyConverter(AssetCatalog catalog, String accountCurrency) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.accountCurrency = Values.text(accountCurrency, "accountCurrency");
        this.mids = new double[catalog.size()];
        java.util.Arrays.fill(mids, Double.NaN);
        for (AssetSpec s : catalog.specs()) {
            addRoute(s.quoteCurrency());
            addRoute(s.baseCurrency());
        }
    }

    private void addRoute(String ccy) {
        if (ccy.equals(accountCurrency) || routes.containsKey(ccy)) {
            return;
        }
        int[] direct = direct(ccy, accountCurrency);
        if (direct != null) {
            routes.put(ccy, new Route(direct[0], direct[1] == 1, -1, false));
            return;
        }
        if (!"USD".equals(ccy) && !"USD".equals(accountCurrency)) {
            int[] a = direct(ccy, "USD");
            int[] b = direct("USD", accountCurrency);
            if (a != null && b != null) {
                routes.put(ccy, new Route(a[0], a[1] == 1, b[0], b[1] == 1));
            }
        }
    }

    /** @return {pair index, 1 if the pair quotes {@code to} per {@code from} inverted} or null */
    private int[] direct(String from, String to) {
        for (int i = 0; i < catalog.size(); i++) {
            AssetSpec s = catalog.spec(i);
            if (s.assetClass() != AssetClass.FOREX) {
                continue;
            }
            if (s.baseCurrency().equals(from) && s.quoteCurrency().equals(to)) {
                return new int[] {i, 0};
            }
            if (s.baseCurrency().equals(to) && s.quoteCurrency().equals(from)) {
                return new int[] {i, 1};
            }
        }
        return null;
    }

    /** @return the account currency */
    public String accountCurrency() {
        return accountCurrency;
    }

    /**
     * @param symbolIndex catalog index of the symbol
     * @param bid         bid
     * @param ask         ask
     */
    public void update(int symbolIndex, double bid, double ask) {
        mids[symbolIndex] = (bid + ask) * 0.5;
    }

    /** @param tick a valid tick of a catalog symbol; ticks of other symbols are ignored */
    public void update(Tick tick) {
        int i = catalog.indexOf(tick.symbol());
        if (i >= 0) {
            update(i, tick.bid(), tick.ask());
        }
    }

    /**
     * @param currency ISO code
     * @return how many units of the account currency one unit of {@code currency} is worth, or
     *     NaN when no price links them yet
     */
    public double rate(String currency) {
        if (accountCurrency.equals(currency)) {
            return 1.0;
        }
        Route r = routes.get(currency);
        if (r == null) {
            return Double.NaN;
        }
        double v = leg(r.leg1(), r.invert1());
        if (r.leg2() >= 0) {
            v *= leg(r.leg2(), r.invert2());
        }
        return v;
    }

    private double leg(int index, boolean invert) {
        double m = mids[index];
        return invert ? 1.0 / m : m;
    }

    /**
     * @param amount   amount in {@code currency}
     * @param currency ISO code
     * @return the amount in the account currency, NaN when no rate is known yet
     */
    public double toAccount(double amount, String currency) {
        return amount * rate(currency);
    }
}
