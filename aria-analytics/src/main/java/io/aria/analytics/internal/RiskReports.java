package io.aria.analytics.internal;

import io.aria.analytics.FxRates;
import io.aria.analytics.RiskReport;
import io.aria.core.AccountSnapshot;
import io.aria.core.AssetCatalog;
import io.aria.core.KillSwitch;
import io.aria.core.PipelineCounters;
import io.aria.core.PipelineSnapshot;
import io.aria.core.PipelineStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The risk report of {@code HedgeFundAnalytics}: exposures, concentration and tail risk from copies of its state. */
public final class RiskReports {

    private RiskReports() {
    }

    /**
     * @param catalog  the assets
     * @param fxRates  conversion rates the quotes do not give
     * @param snapshot the pipeline's account and positions
     * @param s        a copy of the equity series
     * @param prices   the latest prices per symbol
     * @return the risk report
     */
    public static RiskReport of(AssetCatalog catalog, FxRates fxRates, PipelineSnapshot snapshot, EquitySeries s,
            Map<String, Double> prices) {
        double eq = snapshot.account().equity();
        String ccy = snapshot.account().currency();
        Exposures x = new Exposures(catalog, ccy, fxRates, prices, snapshot.positions(), eq);
        List<RiskReport.SymbolExposure> symbols = x.symbols();
        double gross = 0;
        double net = 0;
        double hhi = 0;
        for (RiskReport.SymbolExposure e : symbols) {
            gross += e.grossNotional();
            net += e.netNotional();
        }
        for (RiskReport.SymbolExposure e : symbols) {
            double w = Stats.ratio(e.grossNotional(), gross);
            hhi += w * w;
        }
        RiskReport.SymbolExposure largest = symbols.isEmpty() ? null : symbols.get(0);
        TreeSet<String> approx = new TreeSet<>(x.approximated());
        approx.addAll(x.unknown());
        double[] returns = Stats.returns(s.values());
        boolean positive = eq > 0;
        return new RiskReport(snapshot.epochMillis(), ccy, eq, returns.length, s.intervalMillis(),
                Reports.tail(returns, eq), gross, net, positive ? Stats.ratio(gross, eq) : 0,
                positive ? Stats.ratio(net, eq) : 0, largest == null ? "" : largest.symbol(),
                largest == null ? 0 : largest.shareOfEquity(), Math.min(1, hhi), symbols, x.classes(),
                new ArrayList<>(approx));
    }

    /**
     * @param currency the account currency
     * @param equity   the last equity seen (0 when none)
     * @param t        its time
     * @return a stopped pipeline's snapshot with that equity, no positions and zero counters, for a
     *     report written without the pipeline's own snapshot
     */
    public static PipelineSnapshot stoppedSnapshot(String currency, double equity, long t) {
        return new PipelineSnapshot(PipelineStatus.STOPPED, t,
                new AccountSnapshot(currency, Math.max(equity, 0), equity, 0, Math.max(equity, 0), 1, t),
                List.of(), Set.of(), new KillSwitch.State(false, "", "", 0),
                new PipelineCounters(0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }
}
