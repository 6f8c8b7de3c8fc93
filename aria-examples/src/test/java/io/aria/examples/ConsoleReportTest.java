package io.aria.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aria.analytics.HedgeFundAnalytics;
import io.aria.core.AccountSnapshot;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.KillSwitch;
import io.aria.core.PipelineCounters;
import io.aria.core.PipelineSnapshot;
import io.aria.core.PipelineStatus;
import io.aria.core.Side;
import io.aria.core.TradeEvent;
import io.aria.core.TradeReturnCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConsoleReportTest {

    private static final long T0 = 1_740_996_000_000L;

    private static ExecutionReport report(String symbol, ExecutionStatus status, long n) {
        boolean fill = status.isFill();
        return new ExecutionReport("c" + n, symbol, Side.BUY, status, fill ? n : 0, fill ? n : 0, 0, 1, fill ? 1 : 0,
                1.1, fill ? 1.1 : 0, 0, 1_000, fill ? TradeReturnCode.DONE : TradeReturnCode.NO_MONEY, "", T0);
    }

    @Test
    @DisplayName("the summary table prints the analytics' per-symbol tally in the README's columns")
    void summaryTable_fromTheAnalyticsTally() {
        HedgeFundAnalytics analytics = HedgeFundAnalytics.builder().build();
        Decision entry = Decision.of("EURUSD", T0, Direction.LONG, 0.8);
        analytics.onExecution(report("EURUSD", ExecutionStatus.FILLED, 1), null);
        analytics.onExecution(report("EURUSD", ExecutionStatus.FILLED, 2), null);
        analytics.onExecution(report("EURUSD", ExecutionStatus.REJECTED, 3), null);
        analytics.onTradeClosed("EURUSD", entry, 12.5, T0);
        analytics.onTradeClosed("EURUSD", entry, -2.25, T0);
        analytics.onTradeEvent(new TradeEvent(TradeEvent.Kind.TAKE_PROFIT, "XAUUSD", 9, 0, Side.SELL, 1, 2000, 1234.5,
                "", T0));
        analytics.onExecution(report("XAUUSD", ExecutionStatus.PARTIALLY_FILLED, 4), null);
        analytics.onTradeClosed("XAUUSD", entry, 1234.5, T0);
        PipelineCounters none = new PipelineCounters(0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        PipelineSnapshot s = new PipelineSnapshot(PipelineStatus.STOPPED, T0,
                new AccountSnapshot("USD", 101_244.75, 101_244.75, 0, 101_244.75, 100, T0), List.of(), Set.of(),
                new KillSwitch.State(false, "never engaged", "", 0), none);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ConsoleReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), false)
                .summary("t", s, 100_000, analytics.bySymbol(), 1, "data");
        String out = bytes.toString(StandardCharsets.UTF_8);
        String table = out.substring(out.indexOf("symbol "), out.indexOf("audit trail")).strip();
        assertEquals(String.join(System.lineSeparator(),
                "symbol     fills rejects  trades   win%    sl/tp   realised P&L",
                "EURUSD         2       1       2    50%        0          10.25",
                "XAUUSD         1       0       1   100%        1       1,234.50",
                "total                                                  1,244.75"), table);
    }
}
