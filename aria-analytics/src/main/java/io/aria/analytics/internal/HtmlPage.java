package io.aria.analytics.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Renders {@code report.html}: one self-contained page. uPlot (the {@code org.webjars.npm:uplot}
 * webjar) is read from the classpath and inlined, the report's JSON is embedded, and the charts are
 * drawn from it in the browser; the statistics table is rendered here, so it reads without script.
 * No request leaves the page: it opens offline from disk.
 */
public final class HtmlPage {

    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

    private HtmlPage() {
    }

    private static String resource(String name) {
        // through the class loader: the webjar is another module (or the class path), and META-INF is no
        // package, so its resources are found wherever the jar is; Class.getResourceAsStream would
        // look in this module only
        ClassLoader loader = HtmlPage.class.getClassLoader();
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(UPLOT + name)
                : loader.getResourceAsStream(UPLOT + name)) {
            if (in == null) {
                throw new IllegalStateException("uPlot is missing from the classpath (" + UPLOT + name
                        + "): add org.webjars.npm:uplot:1.6.30");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + UPLOT + name, e);
        }
    }

    /**
     * @param root the report's JSON tree
     * @param json the same, as text
     * @return the page
     */
    public static String render(JsonNode root, String json) {
        StringBuilder b = new StringBuilder(256 * 1024);
        JsonNode run = root.path("run");
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        b.append("<title>ARIA report: ").append(esc(run.path("command").asText())).append("</title>\n");
        b.append("<style>").append(resource("uPlot.min.css")).append("</style>\n");
        b.append("<style>").append(CSS).append("</style>\n");
        b.append("</head><body>\n");
        b.append("<header><h1>ARIA ").append(esc(run.path("command").asText())).append(" report</h1>");
        b.append("<p class=\"sub\">").append(esc(String.join(", ", texts(run.path("symbols"))))).append(" &middot; ")
                .append(esc(period(run))).append(run.path("seed").isNull() ? "" : " &middot; seed " + esc(run.path("seed").asText()))
                .append("</p></header>\n<main>\n");

        b.append("<section class=\"grid2\"><div><h2>Statistics (LEAN)</h2>");
        table(b, root.path("statistics").path("lean"), "stats-lean");
        b.append("</div><div><h2>Further figures</h2>");
        table(b, root.path("statistics").path("more"), "stats-more");
        b.append("<p class=\"note\">Daily returns at the daily close, annualised with ")
                .append(run.path("conventions").path("tradingDaysPerYear").asInt()).append(" periods; a figure needs ")
                .append(run.path("conventions").path("minDailyReturns").asInt())
                .append(" daily returns. Definitions: aria-analytics/README.md.</p></div></section>\n");

        b.append("<section><h2>Equity and benchmark</h2><div id=\"chart-equity\" class=\"chart\"></div></section>\n");
        b.append("<section><h2>Drawdown</h2><div id=\"chart-drawdown\" class=\"chart\"></div></section>\n");
        b.append("<section class=\"grid2\"><div><h2>Daily returns</h2><div id=\"chart-daily\" class=\"chart\"></div>")
                .append("<h3>Monthly returns</h3><div id=\"monthly\"></div></div>")
                .append("<div><h2>Returns histogram</h2><div id=\"chart-histogram\" class=\"chart\"></div></div></section>\n");
        b.append("<section><h2>Attribution of closed trades</h2><div class=\"grid4\">")
                .append("<div><h3>By model (entry shares)</h3><div id=\"attr-model\"></div></div>")
                .append("<div><h3>By regime</h3><div id=\"attr-regime\"></div></div>")
                .append("<div><h3>By asset class</h3><div id=\"attr-class\"></div></div>")
                .append("<div><h3>By symbol</h3><div id=\"attr-symbol\"></div></div></div></section>\n");
        b.append("<section class=\"grid2\"><div><h2>Exposure by asset class against its limit</h2><div id=\"exposure\"></div></div>")
                .append("<div><h2>Correlation of daily returns</h2><div id=\"correlation\"></div></div></section>\n");
        b.append("<section class=\"grid2\"><div><h2>Execution latency</h2><div id=\"latency\"></div></div>")
                .append("<div><h2>Slippage (points)</h2><div id=\"slippage\"></div></div></section>\n");
        b.append("<section><h2>Closed trades</h2><div id=\"trades\"></div></section>\n");
        b.append("<section><h2>Settings</h2><div id=\"settings\"></div></section>\n");
        b.append("</main>\n");
        b.append("<script id=\"report-data\" type=\"application/json\">").append(json.replace("<", "\\u003c"))
                .append("</script>\n");
        b.append("<script>").append(resource("uPlot.iife.min.js").replace("</script", "<\\/script")).append("</script>\n");
        b.append("<script>").append(JS).append("</script>\n");
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void table(StringBuilder b, JsonNode stats, String id) {
        b.append("<table id=\"").append(id).append("\" class=\"stats\"><tbody>");
        for (JsonNode s : stats) {
            boolean known = !s.path("value").isNull();
            b.append("<tr data-name=\"").append(esc(s.path("name").asText())).append("\"><th>")
                    .append(esc(s.path("name").asText())).append("</th><td class=\"")
                    .append(known ? "v" : "na").append("\">").append(esc(s.path("text").asText())).append("</td></tr>");
        }
        b.append("</tbody></table>");
    }

    private static java.util.List<String> texts(JsonNode a) {
        java.util.List<String> out = new java.util.ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String period(JsonNode run) {
        long s = run.path("startEpochMillis").asLong();
        long e = run.path("endEpochMillis").asLong();
        if (s == 0 && e == 0) {
            return "period not given";
        }
        return Instant.ofEpochMilli(s) + " to " + Instant.ofEpochMilli(e);
    }

    private static String esc(String s) {
        return HtmlReport.escape(s);
    }

    private static final String CSS = """
            body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1d2433}
            header{background:#1d2433;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
            .sub{margin:4px 0 0;color:#c5cbd6}main{padding:8px 24px 40px;max-width:1280px}
            section{background:#fff;border:1px solid #e1e4ea;border-radius:6px;padding:10px 16px;margin:14px 0}
            h2{font-size:16px;margin:4px 0 8px}h3{font-size:13px;margin:8px 0 4px;color:#4a5568}
            .grid2{display:grid;grid-template-columns:1fr 1fr;gap:18px;background:none;border:none;padding:0}
            .grid2>div{background:#fff;border:1px solid #e1e4ea;border-radius:6px;padding:10px 16px}
            .grid4{display:grid;grid-template-columns:repeat(4,1fr);gap:14px}
            table{border-collapse:collapse;width:100%}th,td{padding:3px 6px;border-bottom:1px solid #eef0f4;text-align:left}
            table.stats td{text-align:right;font-variant-numeric:tabular-nums}td.na{color:#8a94a6;font-style:italic}
            .note{color:#6b7280;font-size:12px}.chart{min-height:60px}
            .bar{display:flex;align-items:center;gap:6px;margin:2px 0;font-size:12px}
            .bar .name{width:110px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
            .bar .track{flex:1;position:relative;height:14px;background:#f0f2f5}
            .bar .fill{position:absolute;top:0;height:14px}.pos{background:#2f9e44}.neg{background:#e03131}
            .bar .val{width:110px;text-align:right;font-variant-numeric:tabular-nums}
            .limit{position:absolute;top:-2px;width:2px;height:18px;background:#1d2433}
            .heat td{text-align:center;font-size:11px;min-width:44px}pre{background:#f6f7f9;padding:8px;overflow:auto;font-size:12px}
            .empty{color:#8a94a6;font-style:italic}
            """;

    private static final String JS = """
            (function(){
            'use strict';
            var R = JSON.parse(document.getElementById('report-data').textContent);
            window.ariaReport = R; window.ariaCharts = [];
            function el(id){ return document.getElementById(id); }
            function esc(s){ return String(s).replace(/[&<>"']/g, function(c){ return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]; }); }
            function pct(v){ return v == null ? '-' : (v * 100).toFixed(2) + '%'; }
            function money(v){ return v == null ? '-' : v.toLocaleString('en-US', {maximumFractionDigits: 2}); }
            function width(id){ var w = el(id).clientWidth; return Math.max(320, w > 0 ? w : 600); }
            function empty(id, text){ el(id).innerHTML = '<p class="empty">' + esc(text) + '</p>'; }
            function plot(id, opts, data){
              if (!data[0] || data[0].length < 1) { empty(id, 'no data'); return; }
              opts.width = width(id); opts.height = opts.height || 240;
              var u = new uPlot(opts, data, el(id)); u.root.setAttribute('data-points', String(data[0].length));
              window.ariaCharts.push(u); return u;
            }
            var S = R.series, daily = S.daily, eq = S.equity;
            var useDaily = daily.date.length >= 2 && eq.epochMillis.length < 2;
            var xt = eq.epochMillis.map(function(t){ return t / 1000; });
            var hasBench = eq.benchmarkEquity.some(function(v){ return v != null; });
            var series = [{}, {label: 'Equity', stroke: '#1c7ed6', width: 2}];
            var data = [xt, eq.equity];
            if (hasBench) { series.push({label: 'Benchmark (buy and hold)', stroke: '#f08c00', width: 1.5}); data.push(eq.benchmarkEquity); }
            var moneyAxis = [{}, {size: 80, values: function(u, vs){ return vs.map(function(v){ return money(v); }); }}];
            if (!useDaily) plot('chart-equity', {series: series, scales: {x: {time: true}}, axes: moneyAxis}, data);
            else plot('chart-equity', {series: [{}, {label: 'Equity', stroke: '#1c7ed6', width: 2}], axes: moneyAxis}, [daily.date.map(function(d){ return Date.parse(d) / 1000; }), daily.equity]);
            plot('chart-drawdown', {height: 180, series: [{}, {label: 'Drawdown', stroke: '#e03131', fill: 'rgba(224,49,49,0.15)', value: function(u, v){ return v == null ? '-' : (v * 100).toFixed(3) + '%'; }}],
              axes: [{}, {values: function(u, vs){ return vs.map(function(v){ return (v * 100).toFixed(2) + '%'; }); }, size: 60}]}, [xt, eq.drawdown]);
            var bars = uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({size: [0.8, 40]}) : null;
            var dx = daily.date.map(function(d){ return Date.parse(d) / 1000; });
            if (daily.date.length > 0) plot('chart-daily', {height: 200, series: [{}, {label: 'Daily return', fill: '#1c7ed6', stroke: '#1c7ed6', paths: bars, points: {show: false},
              value: function(u, v){ return v == null ? '-' : (v * 100).toFixed(3) + '%'; }}],
              axes: [{}, {values: function(u, vs){ return vs.map(function(v){ return (v * 100).toFixed(2) + '%'; }); }, size: 60}]}, [dx, daily.returns]);
            else empty('chart-daily', 'no daily close yet');
            var m = S.monthlyReturns;
            if (m.length) { var h = '<table><tr><th>month</th><th>return</th></tr>';
              m.forEach(function(r){ h += '<tr><td>' + esc(r.month) + '</td><td class="' + (r['return'] < 0 ? 'neg' : 'pos') + '" style="color:#fff;text-align:right">' + pct(r['return']) + '</td></tr>'; });
              el('monthly').innerHTML = h + '</table>'; } else empty('monthly', 'no month yet');
            var basis = S.returnsHistogramBasis, rets = (basis === 'daily' ? daily.returns : eq.returns).filter(function(v){ return v != null; });
            if (rets.length >= 2) {
              var lo = Math.min.apply(null, rets), hi = Math.max.apply(null, rets), n = Math.min(40, Math.max(5, Math.ceil(Math.sqrt(rets.length))));
              if (hi === lo) { hi = lo + 1e-9; }
              var w = (hi - lo) / n, xs = [], cs = [];
              for (var i = 0; i < n; i++) { xs.push(lo + (i + 0.5) * w); cs.push(0); }
              rets.forEach(function(v){ var k = Math.min(n - 1, Math.floor((v - lo) / w)); cs[k]++; });
              plot('chart-histogram', {height: 200, scales: {x: {time: false}}, series: [{label: basis + ' return', value: function(u, v){ return v == null ? '-' : (v * 100).toFixed(4) + '%'; }},
                {label: 'count', fill: '#7048e8', stroke: '#7048e8', paths: bars, points: {show: false}}],
                axes: [{values: function(u, vs){ return vs.map(function(v){ return (v * 100).toFixed(3) + '%'; }); }}, {}]}, [xs, cs]);
            } else empty('chart-histogram', 'not enough returns');
            function barsOf(id, lines){
              if (!lines || !lines.length) { empty(id, 'no closed trade'); return; }
              var max = Math.max.apply(null, lines.map(function(l){ return Math.abs(l.profit); })) || 1, h = '';
              lines.forEach(function(l){ var w = Math.abs(l.profit) / max * 50;
                h += '<div class="bar"><span class="name" title="' + esc(l.name) + '">' + esc(l.name) + '</span><span class="track"><span class="fill ' + (l.profit < 0 ? 'neg' : 'pos') + '" style="left:' + (l.profit < 0 ? 50 - w : 50) + '%;width:' + w + '%"></span></span><span class="val">' + money(l.profit) + ' (' + l.trades + ')</span></div>'; });
              el(id).innerHTML = h;
            }
            barsOf('attr-model', R.attribution.byModel); barsOf('attr-regime', R.attribution.byRegime);
            barsOf('attr-class', R.attribution.byAssetClass); barsOf('attr-symbol', R.attribution.bySymbol);
            (function(){ var rows = R.exposure, max = 0, h = '';
              rows.forEach(function(r){ max = Math.max(max, r.grossLeverage, r.limit || 0); }); max = max || 1;
              rows.forEach(function(r){ h += '<div class="bar"><span class="name">' + esc(r.assetClass) + '</span><span class="track"><span class="fill pos" style="left:0;width:' + (r.grossLeverage / max * 100) + '%"></span>' +
                (r.limit != null ? '<span class="limit" style="left:' + (r.limit / max * 100) + '%"></span>' : '') + '</span><span class="val">' + r.grossLeverage.toFixed(2) + 'x' + (r.limit != null ? ' / ' + r.limit.toFixed(2) + 'x' : ' / no limit') + '</span></div>'; });
              var unknown = R.analytics.risk.approximatedSymbols;
              if (unknown.length) h += '<p class="note">Left out (no rate to the account currency): ' + esc(unknown.join(', ')) + '</p>';
              el('exposure').innerHTML = h; })();
            (function(){ var c = R.correlation;
              if (c.symbols.length < 2) { empty('correlation', c.note || 'not enough data'); return; }
              var h = '<table class="heat"><tr><th></th>' + c.symbols.map(function(s){ return '<th>' + esc(s) + '</th>'; }).join('') + '</tr>';
              c.matrix.forEach(function(row, i){ h += '<tr><th>' + esc(c.symbols[i]) + '</th>' + row.map(function(v){
                if (v == null) return '<td>-</td>';
                var a = Math.min(1, Math.abs(v)), col = v >= 0 ? 'rgba(28,126,214,' + a + ')' : 'rgba(224,49,49,' + a + ')';
                return '<td style="background:' + col + ';color:' + (a > 0.5 ? '#fff' : '#1d2433') + '">' + v.toFixed(2) + '</td>'; }).join('') + '</tr>'; });
              el('correlation').innerHTML = h + '</table><p class="note">' + esc(c.basis) + '</p>'; })();
            function dist(id, d, scale, unit){
              if (!d || d.count === 0) { empty(id, 'no value recorded'); return; }
              var ks = ['min', 'p50', 'p90', 'p95', 'p99', 'max'], max = Math.max(Math.abs(d.max), Math.abs(d.min)) || 1, h = '';
              ks.forEach(function(k){ var v = d[k]; h += '<div class="bar"><span class="name">' + k + '</span><span class="track"><span class="fill pos" style="left:0;width:' + (Math.abs(v) / max * 100) + '%"></span></span><span class="val">' + (v / scale).toFixed(2) + ' ' + unit + '</span></div>'; });
              el(id).innerHTML = h + '<p class="note">' + d.count + ' values, mean ' + (d.mean / scale).toFixed(2) + ' ' + unit + '</p>';
            }
            var X = R.execution;
            if (X.simulatedModel) empty('latency', 'simulated: ' + X.simulatedModel + ' (no latency was measured)');
            else dist('latency', X.overall.latencyNanos, 1000, 'us');
            dist('slippage', X.overall.slippagePoints, 1, 'pt');
            (function(){ var t = R.closedTrades;
              if (!t.length) { empty('trades', 'no closed trade'); return; }
              var h = '<table><tr><th>exit</th><th>symbol</th><th>side</th><th>lots</th><th>profit</th><th>MAE</th><th>MFE</th><th>reason</th><th>regime</th><th>models</th></tr>';
              t.slice(-200).forEach(function(x){ h += '<tr><td>' + esc(new Date(x.exitEpochMillis).toISOString().replace('.000Z', 'Z')) + '</td><td>' + esc(x.symbol) + '</td><td>' + esc(x.side) + '</td><td>' + x.volume +
                '</td><td>' + money(x.profit) + '</td><td>' + money(x.mae) + '</td><td>' + money(x.mfe) + '</td><td>' + esc(x.exitReason) + '</td><td>' + esc(x.regime) + '</td><td>' +
                esc(Object.keys(x.modelShares).map(function(k){ return k + ' ' + (x.modelShares[k] * 100).toFixed(0) + '%'; }).join(', ')) + '</td></tr>'; });
              el('trades').innerHTML = h + '</table>' + (t.length > 200 ? '<p class="note">the last 200 of ' + t.length + ' (all are in report.json)</p>' : ''); })();
            (function(){ var r = R.run, h = '<table>';
              h += '<tr><th>command</th><td>' + esc(r.command) + '</td></tr><tr><th>symbols</th><td>' + esc(r.symbols.join(', ')) + '</td></tr>';
              h += '<tr><th>seed</th><td>' + (r.seed == null ? '-' : esc(r.seed)) + '</td></tr>';
              Object.keys(r.settings).forEach(function(k){ h += '<tr><th>' + esc(k) + '</th><td>' + esc(r.settings[k]) + '</td></tr>'; });
              Object.keys(r.conventions).forEach(function(k){ h += '<tr><th>' + esc(k) + '</th><td>' + esc(r.conventions[k]) + '</td></tr>'; });
              h += '</table><h3>Risk configuration</h3><pre>' + esc(JSON.stringify(r.riskConfig, null, 2)) + '</pre>';
              el('settings').innerHTML = h; })();
            document.body.setAttribute('data-rendered', 'true');
            })();
            """;
}
