package io.aria.analytics.internal;

import io.aria.analytics.FxRates;
import io.aria.analytics.RiskReport.ClassExposure;
import io.aria.analytics.RiskReport.SymbolExposure;
import io.aria.core.AssetCatalog;
import io.aria.core.AssetClass;
import io.aria.core.AssetSpec;
import io.aria.core.CurrencyConverter;
import io.aria.core.Position;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Values open positions in the account currency. Built per request on the reader's thread; the
 * converter it owns is fed the forex marks it is given and never shared. A position whose quote
 * currency has no known rate gets no notional (it is listed in {@link #approximated()}), never the
 * rate 1.
 */
public final class Exposures {

    private final AssetCatalog catalog;
    private final FxRates rates;
    private final CurrencyConverter implied;
    private final double equity;
    private final Map<String, double[]> bySymbol = new LinkedHashMap<>();
    private final TreeSet<String> approximated = new TreeSet<>();
    private final TreeSet<String> unknown = new TreeSet<>();

    /**
     * @param catalog         contract sizes and currencies
     * @param accountCurrency the account's currency
     * @param rates           the caller's rates, asked first
     * @param lastPrices      latest known prices by symbol (fills), fed to an implied converter
     * @param positions       open positions; their mark prices override {@code lastPrices}
     * @param equity          the account's equity
     */
    public Exposures(AssetCatalog catalog, String accountCurrency, FxRates rates, Map<String, Double> lastPrices,
            List<Position> positions, double equity) {
        this.catalog = catalog;
        this.rates = rates;
        this.equity = equity;
        this.implied = new CurrencyConverter(catalog, accountCurrency);
        lastPrices.forEach(this::mark);
        for (Position p : positions) {
            mark(p.symbol(), p.currentPrice());
        }
        for (Position p : positions) {
            add(p, accountCurrency);
        }
    }

    private void mark(String symbol, double price) {
        int i = catalog.indexOf(symbol);
        if (i >= 0 && price > 0 && Double.isFinite(price)) {
            implied.update(i, price, price);
        }
    }

    private double rate(String currency) {
        double r = rates.rate(currency);
        if (r > 0 && Double.isFinite(r)) {
            return r;
        }
        r = implied.rate(currency);
        return r > 0 && Double.isFinite(r) ? r : Double.NaN;
    }

    private void add(Position p, String accountCurrency) {
        AssetSpec spec = catalog.find(p.symbol()).orElse(null);
        if (spec == null) {
            unknown.add(p.symbol());
            return;
        }
        double notional;
        boolean approx = false;
        if (spec.baseCurrency().equals(accountCurrency)) {
            notional = spec.notional(p.volume(), 1); // units of the base currency
        } else {
            double rate = rate(spec.quoteCurrency());
            if (Double.isNaN(rate)) {
                // no rate is known: say so, and invent no notional (a rate of 1 once overstated EURJPY 150x)
                rate = 0;
                approx = true;
                approximated.add(p.symbol());
            }
            notional = spec.notional(p.volume(), p.currentPrice()) * rate;
        }
        if (!Double.isFinite(notional)) {
            unknown.add(p.symbol());
            return;
        }
        // {netLots, netNotional, grossNotional, profit, approximated, class ordinal}
        double[] a = bySymbol.computeIfAbsent(p.symbol(), k -> new double[] {0, 0, 0, 0, 0, spec.assetClass().ordinal()});
        a[0] += p.signedVolume();
        a[1] += p.side().sign() * notional;
        a[2] += notional;
        a[3] += p.profit();
        if (approx) {
            a[4] = 1;
        }
    }

    private double share(double v) {
        return equity > 0 ? Stats.finite(v / equity) : 0;
    }

    /** @return exposure per symbol, largest gross first */
    public List<SymbolExposure> symbols() {
        List<SymbolExposure> out = new ArrayList<>();
        bySymbol.forEach((s, a) -> out.add(new SymbolExposure(s, AssetClass.values()[(int) a[5]], a[0], a[1], a[2],
                share(a[2]), a[3], a[4] != 0)));
        out.sort(Comparator.comparingDouble(SymbolExposure::grossNotional).reversed()
                .thenComparing(SymbolExposure::symbol));
        return out;
    }

    /** @return exposure per class, every class in enum order */
    public List<ClassExposure> classes() {
        List<ClassExposure> out = new ArrayList<>();
        for (AssetClass c : AssetClass.values()) {
            int n = 0;
            double net = 0;
            double gross = 0;
            for (double[] a : bySymbol.values()) {
                if ((int) a[5] == c.ordinal()) {
                    n++;
                    net += a[1];
                    gross += a[2];
                }
            }
            out.add(new ClassExposure(c, n, net, gross, share(gross)));
        }
        return out;
    }

    /** @return symbols left out of the notional totals for lack of a rate to the account currency */
    public List<String> approximated() {
        return List.copyOf(approximated);
    }

    /** @return symbols left out because they are not in the catalog */
    public List<String> unknown() {
        return List.copyOf(unknown);
    }
}
