package io.aria.examples;

import io.aria.core.Decision;
import io.aria.core.ExecutionReport;
import io.aria.core.OrderIntent;
import io.aria.core.TradeEvent;
import io.aria.core.spi.PipelineListener;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-symbol counts for the demo's summary table: orders filled and rejected, closed trades,
 * wins and realised profit. Called on the pipeline's event loop; read after the pipeline stopped
 * (or through {@link #copy()}, which is synchronised).
 */
final class TradeTally implements PipelineListener {

    /** One symbol's line. */
    static final class Line {
        long filled;
        long rejected;
        long trades;
        long wins;
        long brokerCloses;
        double profit;
        double slippageSum;
    }

    private final Map<String, Line> lines = new TreeMap<>();

    private Line line(String symbol) {
        return lines.computeIfAbsent(symbol, s -> new Line());
    }

    @Override
    public synchronized void onExecution(ExecutionReport report, OrderIntent intent) {
        Line l = line(report.symbol());
        if (report.status().isFill()) {
            l.filled++;
            l.slippageSum += report.slippage();
        } else {
            l.rejected++;
        }
    }

    @Override
    public synchronized void onTradeEvent(TradeEvent event) {
        line(event.symbol()).brokerCloses++;
    }

    @Override
    public synchronized void onTradeClosed(String symbol, Decision entry, double profit, long epochMillis) {
        Line l = line(symbol);
        l.trades++;
        if (profit > 0) {
            l.wins++;
        }
        l.profit += profit;
    }

    /** @return a copy of the lines, by symbol */
    synchronized Map<String, Line> copy() {
        Map<String, Line> out = new TreeMap<>();
        lines.forEach((k, v) -> {
            Line c = new Line();
            c.filled = v.filled;
            c.rejected = v.rejected;
            c.trades = v.trades;
            c.wins = v.wins;
            c.brokerCloses = v.brokerCloses;
            c.profit = v.profit;
            c.slippageSum = v.slippageSum;
            out.put(k, c);
        });
        return out;
    }
}
