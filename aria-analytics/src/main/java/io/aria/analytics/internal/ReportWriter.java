package io.aria.analytics.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.analytics.AnalyticsReport;
import io.aria.analytics.AttributionLine;
import io.aria.analytics.ClosedTradeRecord;
import io.aria.analytics.ReportFiles;
import io.aria.analytics.RiskReport;
import io.aria.analytics.RunInfo;
import io.aria.core.AssetCatalog;
import io.aria.core.AssetClass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code report.json} and {@code report.html} from copied state. The JSON is the one source
 * of both: the page embeds it and draws from it, so the page and the file never disagree.
 */
public final class ReportWriter {

    /** The report format's name and version, the first field of {@code report.json}. */
    public static final String FORMAT = "aria-report/1";

    private ReportWriter() {
    }

    /**
     * @param folder      where to write
     * @param info        the run
     * @param r           the analytics at the end
     * @param equity      the resampled equity curve
     * @param bench       the benchmark's price at the same points (0 where unknown)
     * @param daily       the daily closes
     * @param trades      the closed trades listed
     * @param dropped     closed trades not listed
     * @param lines       attribution by model, regime, asset class and symbol
     * @param config      the statistics' configuration
     * @param catalog     the catalog (symbol names for the correlations)
     * @return the two paths
     * @throws IOException when the folder or a file cannot be written; the message names the path
     */
    public static ReportFiles write(Path folder, RunInfo info, AnalyticsReport r, EquitySeries equity, EquitySeries bench,
            DailySeries daily, List<ClosedTradeRecord> trades, long dropped, List<AttributionLine>[] lines,
            StatisticsCalculator.Config config, AssetCatalog catalog) throws IOException {
        ObjectNode root = json(info, r, equity, bench, daily, trades, dropped, lines, config, catalog);
        ObjectMapper m = ReportJson.mapper();
        String json;
        try {
            json = m.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot render report.json: " + e.getOriginalMessage(), e);
        }
        String html;
        try {
            html = HtmlPage.render(root, json);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IOException("cannot render report.html: " + e.getMessage(), e);
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IOException("cannot create the report folder " + folder + ": " + e, e);
        }
        Path jsonPath = folder.resolve("report.json");
        Path htmlPath = folder.resolve("report.html");
        replace(jsonPath, json);
        replace(htmlPath, html);
        return new ReportFiles(jsonPath, htmlPath);
    }

    private static void replace(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot write " + target + ": " + e, e);
        }
    }

    /** @return the report as a JSON tree */
    static ObjectNode json(RunInfo info, AnalyticsReport r, EquitySeries equity, EquitySeries bench, DailySeries daily,
            List<ClosedTradeRecord> trades, long dropped, List<AttributionLine>[] lines,
            StatisticsCalculator.Config config, AssetCatalog catalog) {
        ObjectMapper m = ReportJson.mapper();
        ObjectNode root = m.createObjectNode();
        root.put("format", FORMAT);
        root.put("epochMillis", r.epochMillis());
        root.set("run", run(m, info, config));
        root.set("statistics", m.valueToTree(r.statistics()));
        root.set("series", series(m, r, equity, bench, daily, config));
        ObjectNode attribution = root.putObject("attribution");
        attribution.set("byModel", m.valueToTree(lines[0]));
        attribution.set("byRegime", m.valueToTree(lines[1]));
        attribution.set("byAssetClass", m.valueToTree(lines[2]));
        attribution.set("bySymbol", m.valueToTree(lines[3]));
        root.set("exposure", exposure(m, r.risk(), info));
        root.set("correlation", correlation(m, daily, catalog, info));
        root.set("execution", m.valueToTree(r.execution()));
        root.set("closedTrades", m.valueToTree(trades));
        root.put("closedTradesNotListed", dropped);
        root.set("analytics", m.valueToTree(r));
        return root;
    }

    private static ObjectNode run(ObjectMapper m, RunInfo info, StatisticsCalculator.Config c) {
        ObjectNode n = m.createObjectNode();
        n.put("command", info.command());
        n.set("symbols", m.valueToTree(info.symbols()));
        n.put("startEpochMillis", info.startEpochMillis());
        n.put("endEpochMillis", info.endEpochMillis());
        if (info.seed() == null) {
            n.putNull("seed");
        } else {
            n.put("seed", info.seed());
        }
        JsonNode risk;
        try {
            risk = m.readTree(info.riskConfigJson().isBlank() ? "{}" : info.riskConfigJson());
        } catch (JsonProcessingException e) {
            risk = m.getNodeFactory().textNode(info.riskConfigJson()); // shown as given
        }
        n.set("riskConfig", risk);
        ObjectNode limits = n.putObject("classLimits");
        info.classLimits().forEach((k, v) -> limits.put(k.name(), v));
        n.set("settings", m.valueToTree(info.settings()));
        n.put("executionModel", info.executionModel());
        ObjectNode conv = n.putObject("conventions");
        conv.put("dailyReturns", "equity at each daily close over the previous close (the first over the start equity)");
        conv.put("tradingDaysPerYear", c.tradingDaysPerYear());
        conv.put("riskFreeRate", c.riskFreeRate());
        conv.put("minDailyReturns", c.minDailyReturns());
        conv.put("benchmark", c.benchmark() == null ? "" : c.benchmark() + " (buy and hold at the quotes' mids)");
        conv.put("valueAtRiskHorizon", "1 day (historical, daily returns)");
        conv.put("feePerLot", c.feePerLot());
        return n;
    }

    private static ObjectNode series(ObjectMapper m, AnalyticsReport r, EquitySeries equity, EquitySeries bench,
            DailySeries daily, StatisticsCalculator.Config c) {
        ObjectNode s = m.createObjectNode();
        // the resampled curve
        ObjectNode curve = s.putObject("equity");
        curve.put("intervalMillis", equity.intervalMillis());
        long[] t = equity.times();
        double[] v = equity.values();
        double[] bt = bench.values();
        double b0 = Double.NaN;
        for (double x : bt) {
            if (x > 0) {
                b0 = x;
                break;
            }
        }
        double e0 = v.length > 0 ? v[0] : Double.NaN;
        ArrayNode times = curve.putArray("epochMillis");
        ArrayNode values = curve.putArray("equity");
        ArrayNode dd = curve.putArray("drawdown");
        ArrayNode benchEq = curve.putArray("benchmarkEquity");
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            times.add(t[i]);
            num(values, v[i]);
            peak = Math.max(peak, v[i]);
            num(dd, peak > 0 ? v[i] / peak - 1 : 0);
            num(benchEq, i < bt.length && bt[i] > 0 && b0 > 0 ? e0 * bt[i] / b0 : Double.NaN);
        }
        double[] intervalReturns = Stats.returns(v);
        ArrayNode ir = curve.putArray("returns");
        for (double x : intervalReturns) {
            num(ir, x);
        }

        // the daily closes
        ObjectNode d = s.putObject("daily");
        long[] days = daily.days();
        double[] closes = daily.equity();
        double end = r.performance().endEquity();
        if (closes.length > 0 && Double.isFinite(end) && end != 0) {
            closes[closes.length - 1] = end;
        }
        double[] dr = returns(closes, daily.startEquity());
        double[] bc = daily.benchmark();
        double[] br = daily.benchmarkReturns();
        double[] traded = daily.traded();
        ArrayNode dates = d.putArray("date");
        ArrayNode de = d.putArray("equity");
        ArrayNode ddd = d.putArray("drawdown");
        ArrayNode drr = d.putArray("returns");
        ArrayNode dbc = d.putArray("benchmark");
        ArrayNode dbr = d.putArray("benchmarkReturns");
        ArrayNode dto = d.putArray("turnover");
        double dpeak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < days.length; i++) {
            dates.add(LocalDate.ofEpochDay(days[i]).toString());
            num(de, closes[i]);
            dpeak = Math.max(dpeak, closes[i]);
            num(ddd, dpeak > 0 ? closes[i] / dpeak - 1 : 0);
            num(drr, dr[i]);
            num(dbc, bc[i]);
            num(dbr, br[i]);
            num(dto, closes[i] > 0 ? traded[i] / closes[i] : 0);
        }
        num(d, "startEquity", daily.startEquity());

        // monthly returns, compounded from the daily ones
        Map<String, Double> months = new LinkedHashMap<>();
        for (int i = 0; i < days.length; i++) {
            String key = LocalDate.ofEpochDay(days[i]).toString().substring(0, 7);
            months.merge(key, 1 + dr[i], (a, b) -> a * b);
        }
        ArrayNode mr = s.putArray("monthlyReturns");
        months.forEach((k, g) -> {
            ObjectNode o = mr.addObject();
            o.put("month", k);
            num(o, "return", g - 1);
        });
        s.put("returnsHistogramBasis", dr.length >= c.minDailyReturns() ? "daily" : "interval");
        return s;
    }

    private static double[] returns(double[] closes, double start) {
        double[] r = new double[closes.length];
        double prev = start;
        for (int i = 0; i < closes.length; i++) {
            r[i] = prev > 0 && closes[i] > 0 ? closes[i] / prev - 1 : 0;
            if (closes[i] > 0) {
                prev = closes[i];
            }
        }
        return r;
    }

    private static ArrayNode exposure(ObjectMapper m, RiskReport risk, RunInfo info) {
        ArrayNode a = m.createArrayNode();
        double eq = risk.equity();
        for (RiskReport.ClassExposure c : risk.byClass()) {
            ObjectNode o = a.addObject();
            o.put("assetClass", c.assetClass().name());
            o.put("symbols", c.symbols());
            num(o, "grossNotional", c.grossNotional());
            num(o, "grossLeverage", eq > 0 ? c.grossNotional() / eq : 0);
            Double limit = info.classLimits().get(c.assetClass());
            if (limit == null) {
                o.putNull("limit");
            } else {
                o.put("limit", limit);
            }
        }
        return a;
    }

    private static ObjectNode correlation(ObjectMapper m, DailySeries daily, AssetCatalog catalog, RunInfo info) {
        ObjectNode o = m.createObjectNode();
        List<String> names = new ArrayList<>();
        List<double[]> rets = new ArrayList<>();
        List<String> wanted = info.symbols().isEmpty() ? catalog.symbols() : info.symbols();
        for (String sym : wanted) {
            int i = catalog.indexOf(sym);
            if (i < 0) {
                continue;
            }
            double[] marks = daily.marks(i);
            int known = 0;
            for (double x : marks) {
                if (x > 0) {
                    known++;
                }
            }
            if (known < 3) {
                continue;
            }
            double[] r = new double[marks.length - 1];
            for (int k = 1; k < marks.length; k++) {
                r[k - 1] = marks[k] > 0 && marks[k - 1] > 0 ? Math.log(marks[k] / marks[k - 1]) : 0;
            }
            names.add(sym);
            rets.add(r);
        }
        o.put("basis", "daily log returns of the quotes' mids at each close");
        o.set("symbols", m.valueToTree(names));
        ArrayNode matrix = o.putArray("matrix");
        for (double[] x : rets) {
            ArrayNode row = matrix.addArray();
            for (double[] y : rets) {
                double sx = Math.sqrt(LeanStats.variance(x));
                double sy = Math.sqrt(LeanStats.variance(y));
                num(row, sx > 0 && sy > 0 ? LeanStats.covariance(x, y) / (sx * sy) : Double.NaN);
            }
        }
        if (names.size() < 2) {
            o.put("note", "not enough data: fewer than two symbols with three daily closes");
        }
        return o;
    }

    private static void num(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(v == 0 ? 0.0 : v);
        } else {
            a.addNull();
        }
    }

    private static void num(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v == 0 ? 0.0 : v);
        } else {
            o.putNull(field);
        }
    }

    /** @return the asset classes in order, for the page */
    static List<String> classes() {
        List<String> out = new ArrayList<>();
        for (AssetClass c : AssetClass.values()) {
            out.add(c.name());
        }
        return out;
    }
}
