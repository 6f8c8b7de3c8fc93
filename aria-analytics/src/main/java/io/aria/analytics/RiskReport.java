package io.aria.analytics;

import static io.aria.core.Values.finite;
import static io.aria.core.Values.inRange;
import static io.aria.core.Values.nonNegative;

import io.aria.core.AssetClass;
import java.util.List;
import java.util.Objects;

/**
 * Tail risk of the equity curve and the exposure of the open positions at one moment.
 *
 * <p><b>Tail risk</b> is historical: value at risk and expected shortfall of the interval returns
 * of {@link PerformanceReport} (same intervals), as positive losses (a share of equity; a negative
 * figure means even the worst returns were gains). With {@code k = ceil(n * (1 -
 * confidence))}, VaR is minus the k-th smallest return and ES minus the mean of the k smallest.
 * Without returns both are 0.
 *
 * <p><b>Exposure</b> of a position is its notional in the account currency: lots &times; contract
 * size &times; the position's mark price (quote currency), times the quote currency's rate to the
 * account currency. The rate comes from the {@link FxRates} given to the builder, else from the
 * latest quotes the pipeline accepted ({@link HedgeFundAnalytics#onTick}: EURJPY through the
 * latest USDJPY quote, traded or not), the forex marks in the snapshot and the latest fill prices;
 * when the base currency is the account currency the notional is lots &times; contract size
 * exactly. When no rate is known at all, the position gets no notional (it is left out of every
 * total, never valued at the rate 1) and the symbol is listed in {@link #approximatedSymbols()}.
 * Leverage is exposure over equity; 0 when equity is not positive.
 *
 * <p>The tail figures here are per resampling interval ({@code intervalMillis}, one minute by
 * default); the one-day VaR and expected shortfall are in {@link Statistics}.
 *
 *
 * @param epochMillis          the snapshot's time
 * @param currency             account currency
 * @param equity               the snapshot's equity
 * @param returns              interval returns behind the tail figures
 * @param intervalMillis       length of one return interval
 * @param tail                 VaR and ES at 95% and 99%
 * @param grossExposure        sum of |notional| over positions
 * @param netExposure          sum of signed notional (long +, short -)
 * @param grossLeverage        grossExposure / equity
 * @param netLeverage          netExposure / equity
 * @param largestSymbol        symbol with the largest gross exposure, "" when flat
 * @param largestShareOfEquity its gross exposure / equity
 * @param concentration        Herfindahl index of gross exposure by symbol, in [0, 1] (1: one
 *                             symbol; 1/n: n equal ones; 0 when flat)
 * @param bySymbol             exposure per symbol, largest first
 * @param byClass              exposure per asset class, every class present
 * @param approximatedSymbols  symbols left out of the totals: no rate to the account currency is
 *                             known for their quote currency, or the catalog does not know them
 */
public record RiskReport(
        long epochMillis,
        String currency,
        double equity,
        int returns,
        long intervalMillis,
        List<TailRisk> tail,
        double grossExposure,
        double netExposure,
        double grossLeverage,
        double netLeverage,
        String largestSymbol,
        double largestShareOfEquity,
        double concentration,
        List<SymbolExposure> bySymbol,
        List<ClassExposure> byClass,
        List<String> approximatedSymbols) {

    public RiskReport {
        Objects.requireNonNull(currency, "currency");
        finite(equity, "equity");
        nonNegative(returns, "returns");
        tail = List.copyOf(Objects.requireNonNull(tail, "tail"));
        inRange(grossExposure, 0, Double.MAX_VALUE, "grossExposure");
        finite(netExposure, "netExposure");
        inRange(grossLeverage, 0, Double.MAX_VALUE, "grossLeverage");
        finite(netLeverage, "netLeverage");
        Objects.requireNonNull(largestSymbol, "largestSymbol");
        inRange(largestShareOfEquity, 0, Double.MAX_VALUE, "largestShareOfEquity");
        inRange(concentration, 0, 1 + 1e-9, "concentration");
        bySymbol = List.copyOf(Objects.requireNonNull(bySymbol, "bySymbol"));
        byClass = List.copyOf(Objects.requireNonNull(byClass, "byClass"));
        approximatedSymbols = List.copyOf(Objects.requireNonNull(approximatedSymbols, "approximatedSymbols"));
    }

    /**
     * @param confidence for example 0.95
     * @param valueAtRisk       VaR as a share of equity
     * @param expectedShortfall ES as a share of equity, &gt;= valueAtRisk
     * @param valueAtRiskMoney       VaR &times; equity
     * @param expectedShortfallMoney ES &times; equity
     */
    public record TailRisk(double confidence, double valueAtRisk, double expectedShortfall, double valueAtRiskMoney,
            double expectedShortfallMoney) {

        public TailRisk {
            inRange(confidence, 0, 1, "confidence");
            finite(valueAtRisk, "valueAtRisk");
            finite(expectedShortfall, "expectedShortfall");
            finite(valueAtRiskMoney, "valueAtRiskMoney");
            finite(expectedShortfallMoney, "expectedShortfallMoney");
        }
    }

    /**
     * @param symbol           catalog symbol
     * @param assetClass       its class
     * @param netLots          long lots - short lots
     * @param netNotional      signed notional in the account currency
     * @param grossNotional    |notional| summed over the symbol's positions
     * @param shareOfEquity    grossNotional / equity
     * @param unrealisedProfit the positions' open profit in the account currency
     * @param rateApproximated whether no rate was known, so the notional is 0 and left out of the totals
     */
    public record SymbolExposure(String symbol, AssetClass assetClass, double netLots, double netNotional,
            double grossNotional, double shareOfEquity, double unrealisedProfit, boolean rateApproximated) {

        public SymbolExposure {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(assetClass, "assetClass");
            finite(netLots, "netLots");
            finite(netNotional, "netNotional");
            inRange(grossNotional, 0, Double.MAX_VALUE, "grossNotional");
            inRange(shareOfEquity, 0, Double.MAX_VALUE, "shareOfEquity");
            finite(unrealisedProfit, "unrealisedProfit");
        }
    }

    /**
     * @param assetClass    the class
     * @param symbols       symbols with open positions in it
     * @param netNotional   signed notional in the account currency
     * @param grossNotional gross notional in the account currency
     * @param shareOfEquity grossNotional / equity
     */
    public record ClassExposure(AssetClass assetClass, int symbols, double netNotional, double grossNotional,
            double shareOfEquity) {

        public ClassExposure {
            Objects.requireNonNull(assetClass, "assetClass");
            nonNegative(symbols, "symbols");
            finite(netNotional, "netNotional");
            inRange(grossNotional, 0, Double.MAX_VALUE, "grossNotional");
            inRange(shareOfEquity, 0, Double.MAX_VALUE, "shareOfEquity");
        }
    }
}
