package io.aria.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Converts amounts into the account currency with the latest forex prices of the catalog: JPY
 * through USDJPY, GBP through GBPUSD, and crosses through USD when no direct pair exists.
 *
 * <p>Single writer: not safe for use from multiple threads; each owner (the pipeline, a paper
 * broker) keeps its own. {@link #update}, {@link #toAccount} and {@link #quoteRate} do not allocate.
 *
 * <p>Each catalog symbol's quote-currency route is resolved to pair indices once, at construction,
 * so the per-tick mark of a position ({@link #quoteRate}) reads two array slots instead of hashing
 * the currency's name.
 */
public final class CurrencyConverter {

    private final AssetCatalog catalog;
    private final String accountCurrency;
    private final double[] mids;
    private final Map<String, Route> routes = new HashMap<>();
    /** Per symbol: the first leg's pair index of its quote currency's route, {@link #ACCOUNT} or {@link #NONE}. */
    private final int[] quoteLeg1;
    private final boolean[] quoteInvert1;
    /** Per symbol: the second leg's pair index, or -1 for a one-leg route. */
    private final int[] quoteLeg2;
    private final boolean[] quoteInvert2;
    private static final int ACCOUNT = -2;
    private static final int NONE = -1;

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
        int n = catalog.size();
        this.quoteLeg1 = new int[n];
        this.quoteInvert1 = new boolean[n];
        this.quoteLeg2 = new int[n];
        this.quoteInvert2 = new boolean[n];
        for (int i = 0; i < n; i++) {
            String q = catalog.spec(i).quoteCurrency();
            Route r = routes.get(q);
            quoteLeg2[i] = -1;
            if (this.accountCurrency.equals(q)) {
                quoteLeg1[i] = ACCOUNT;
            } else if (r == null) {
                quoteLeg1[i] = NONE;
            } else {
                quoteLeg1[i] = r.leg1();
                quoteInvert1[i] = r.invert1();
                quoteLeg2[i] = r.leg2();
                quoteInvert2[i] = r.invert2();
            }
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

    /**
     * The rate of a catalog symbol's quote currency: the same value as
     * {@code rate(catalog.spec(symbolIndex).quoteCurrency())}, without the lookup by name.
     *
     * @param symbolIndex catalog index of the symbol, in [0, catalog size)
     * @return how many units of the account currency one unit of the symbol's quote currency is
     *     worth, or NaN when no price links them yet
     */
    public double quoteRate(int symbolIndex) {
        checkIndex("symbolIndex", symbolIndex);
        int l1 = quoteLeg1[symbolIndex];
        if (l1 < 0) {
            return l1 == ACCOUNT ? 1.0 : Double.NaN;
        }
        double v = leg(l1, quoteInvert1[symbolIndex]);
        int l2 = quoteLeg2[symbolIndex];
        if (l2 >= 0) {
            v *= leg(l2, quoteInvert2[symbolIndex]);
        }
        return v;
    }

    /**
     * @param symbolIndex catalog index of a symbol
     * @param pairIndex   catalog index of a pair, or a negative number (no pair: false)
     * @return whether {@link #quoteRate} of the symbol reads the pair's price (a quote of any other
     *     symbol leaves it unchanged)
     */
    public boolean quoteRateUses(int symbolIndex, int pairIndex) {
        checkIndex("symbolIndex", symbolIndex);
        return pairIndex >= 0 && (quoteLeg1[symbolIndex] == pairIndex || quoteLeg2[symbolIndex] == pairIndex);
    }

    private void checkIndex(String field, int index) {
        if (index < 0 || index >= quoteLeg1.length) {
            throw new IndexOutOfBoundsException(field + " must be a catalog index in [0, " + quoteLeg1.length
                    + "), was " + index);
        }
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
