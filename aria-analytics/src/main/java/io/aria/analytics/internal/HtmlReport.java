package io.aria.analytics.internal;

import io.aria.analytics.AnalyticsReport;
import io.aria.analytics.AttributionReport;
import io.aria.analytics.AttributionReport.Figures;
import io.aria.analytics.ExecutionStatistics;
import io.aria.analytics.ExecutionStatistics.Distribution;
import io.aria.analytics.ExecutionStatistics.RejectionCount;
import io.aria.analytics.PerformanceReport;
import io.aria.analytics.RiskReport;
import io.aria.core.Regime;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** Renders an {@link AnalyticsReport} as one static HTML page with tables. */
public final class HtmlReport {

    private final StringBuilder b = new StringBuilder(8192);

    private HtmlReport() {
    }

    /**
     * @param r the report
     * @return the page
     */
    public static String render(AnalyticsReport r) {
        HtmlReport h = new HtmlReport();
        h.page(r);
        return h.b.toString();
    }

    /**
     * @param s text
     * @return s with &amp;, &lt;, &gt;, quotes and apostrophes escaped
     */
    public static String escape(String s) {
        StringBuilder o = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> o.append("&amp;");
                case '<' -> o.append("&lt;");
                case '>' -> o.append("&gt;");
                case '"' -> o.append("&quot;");
                case '\'' -> o.append("&#39;");
                default -> o.append(c);
            }
        }
        return o.toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    private static String ratio(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.3f%%", v * 100);
    }

    private static String time(long millis) {
        return millis == 0 ? "-" : Instant.ofEpochMilli(millis).toString();
    }

    private void h2(String title) {
        b.append("<h2>").append(escape(title)).append("</h2>\n");
    }

    private void table(String... headers) {
        b.append("<table>\n<tr>");
        for (String h : headers) {
            b.append("<th>").append(escape(h)).append("</th>");
        }
        b.append("</tr>\n");
    }

    private void row(String... cells) {
        b.append("<tr>");
        for (String c : cells) {
            b.append("<td>").append(escape(c)).append("</td>");
        }
        b.append("</tr>\n");
    }

    private void end() {
        b.append("</table>\n");
    }

    private void page(AnalyticsReport r) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>ARIA hedge-fund analytics</title><style>")
                .append("body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin-bottom:1em}")
                .append("th,td{border:1px solid #ccc;padding:2px 8px;text-align:right}th{background:#eee}")
                .append("td:first-child,th:first-child{text-align:left}</style></head><body>\n")
                .append("<h1>ARIA hedge-fund analytics</h1>\n<p>").append(escape("as of " + time(r.epochMillis())))
                .append("</p>\n");
        performance(r.performance());
        attribution(r.attribution());
        risk(r.risk());
        execution(r.execution());
        b.append("</body></html>\n");
    }

    private void performance(PerformanceReport p) {
        h2("Performance");
        table("figure", "value");
        row("period", time(p.firstMillis()) + " to " + time(p.lastMillis()));
        row("start equity", num(p.startEquity()));
        row("end equity", num(p.endEquity()));
        row("total return", pct(p.totalReturn()));
        row("annualised return", pct(p.annualisedReturn()));
        row("annualised volatility", pct(p.annualisedVolatility()));
        row("Sharpe", ratio(p.sharpe()));
        row("Sortino", ratio(p.sortino()));
        row("Calmar", ratio(p.calmar()));
        row("risk-free rate", pct(p.riskFreeRate()));
        row("return interval", p.intervalMillis() / 1000.0 + " s (" + p.returns() + " returns)");
        PerformanceReport.Drawdown d = p.maxDrawdown();
        row("max drawdown", num(d.value()) + " (" + pct(d.share()) + ")");
        row("drawdown peak / trough", time(d.peakMillis()) + " / " + time(d.troughMillis()));
        row("drawdown recovered", d.recovered() ? time(d.recoveryMillis()) : "not yet");
        end();
        PerformanceReport.TradeStats t = p.trades();
        table("trades", "wins", "losses", "win rate", "total", "profit factor", "avg win", "avg loss",
                "expectancy", "best", "worst");
        row(Long.toString(t.trades()), Long.toString(t.wins()), Long.toString(t.losses()), pct(t.winRate()),
                num(t.totalProfit()), ratio(t.profitFactor()), num(t.averageWin()), num(t.averageLoss()),
                num(t.expectancy()), num(t.bestTrade()), num(t.worstTrade()));
        end();
    }

    private void attribution(AttributionReport a) {
        h2("Model attribution");
        b.append("<p>").append(escape(a.attributedTrades() + " attributed trades, profit " + num(a.attributedProfit())
                + "; " + a.unattributedTrades() + " unattributed, profit " + num(a.unattributedProfit()))).append("</p>\n");
        table("model", "regime", "trades", "attributed profit", "hit rate", "average share");
        for (AttributionReport.ModelAttribution m : a.models()) {
            figures(m.model(), "all", m.total());
            for (Map.Entry<Regime, Figures> e : m.byRegime().entrySet()) {
                if (e.getValue().trades() > 0) {
                    figures(m.model(), e.getKey().name(), e.getValue());
                }
            }
        }
        end();
    }

    private void figures(String model, String regime, Figures f) {
        row(model, regime, Long.toString(f.trades()), num(f.attributedProfit()), pct(f.hitRate()), pct(f.averageShare()));
    }

    private void risk(RiskReport r) {
        h2("Risk");
        table("figure", "value");
        row("equity", num(r.equity()) + " " + r.currency());
        for (RiskReport.TailRisk t : r.tail()) {
            String c = pct(t.confidence());
            row("VaR " + c, pct(t.valueAtRisk()) + " (" + num(t.valueAtRiskMoney()) + ")");
            row("ES " + c, pct(t.expectedShortfall()) + " (" + num(t.expectedShortfallMoney()) + ")");
        }
        row("returns used", r.returns() + " of " + r.intervalMillis() / 1000.0 + " s");
        row("gross / net exposure", num(r.grossExposure()) + " / " + num(r.netExposure()));
        row("gross / net leverage", ratio(r.grossLeverage()) + " / " + ratio(r.netLeverage()));
        row("largest position", r.largestSymbol().isEmpty() ? "-" : r.largestSymbol() + " " + pct(r.largestShareOfEquity()));
        row("concentration (HHI)", ratio(r.concentration()));
        row("approximated", r.approximatedSymbols().isEmpty() ? "-" : String.join(", ", r.approximatedSymbols()));
        end();
        table("asset class", "symbols", "net notional", "gross notional", "share of equity");
        for (RiskReport.ClassExposure c : r.byClass()) {
            row(c.assetClass().name(), Integer.toString(c.symbols()), num(c.netNotional()), num(c.grossNotional()),
                    pct(c.shareOfEquity()));
        }
        end();
        table("symbol", "class", "net lots", "net notional", "gross notional", "share of equity", "open profit");
        for (RiskReport.SymbolExposure s : r.bySymbol()) {
            row(s.symbol() + (s.rateApproximated() ? " *" : ""), s.assetClass().name(), ratio(s.netLots()),
                    num(s.netNotional()), num(s.grossNotional()), pct(s.shareOfEquity()), num(s.unrealisedProfit()));
        }
        end();
    }

    private void execution(ExecutionStatistics e) {
        h2("Execution");
        table("scope", "orders", "filled", "partial", "rejected", "errors", "unknown", "fill rate",
                "slippage mean / p50 / p95 / worst (points)", "latency p50 / p90 / p99 / max (µs)");
        executionRow("all", e.overall());
        e.bySymbol().forEach(this::executionRow);
        end();
        table("scope", "return code", "description", "count");
        rejections("all", e.overall());
        e.bySymbol().forEach(this::rejections);
        end();
    }

    private void executionRow(String scope, ExecutionStatistics.Figures f) {
        Distribution s = f.slippagePoints();
        Distribution l = f.latencyNanos();
        row(scope, Long.toString(f.orders()), Long.toString(f.filled()), Long.toString(f.partiallyFilled()),
                Long.toString(f.rejected()), Long.toString(f.errors()), Long.toString(f.unknown()), pct(f.fillRate()),
                num(s.mean()) + " / " + num(s.p50()) + " / " + num(s.p95()) + " / " + num(s.max()),
                num(l.p50() / 1e3) + " / " + num(l.p90() / 1e3) + " / " + num(l.p99() / 1e3) + " / " + num(l.max() / 1e3));
    }

    private void rejections(String scope, ExecutionStatistics.Figures f) {
        for (RejectionCount c : f.rejectionsByCode()) {
            row(scope, Integer.toString(c.code()), c.description(), Long.toString(c.count()));
        }
    }
}
