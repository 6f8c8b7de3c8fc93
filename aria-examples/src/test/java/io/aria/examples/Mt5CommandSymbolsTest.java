package io.aria.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 12: {@code mt5 --endpoint} with the default symbols against brokers whose symbol lists differ from the catalog. */
class Mt5CommandSymbolsTest {

    @TempDir
    Path data;

    private static SimulatedMt5Terminal.Builder broker(List<String> symbols) {
        return SimulatedMt5Terminal.builder().symbols(symbols).tickInterval(Duration.ofMillis(50))
                .clock(new Mt5Command.FastClock(Instant.parse("2025-03-05T12:00:00Z"), 30));
    }

    private String run(SimulatedMt5Terminal t, String... extra) throws Exception {
        Mt5Command cmd = new Mt5Command();
        List<String> args = new java.util.ArrayList<>(List.of("--endpoint", t.commandEndpoint(), "--event-endpoint",
                t.eventEndpoint(), "--duration", "PT3S", "--status-every", "PT1S", "--data", data.toString()));
        args.addAll(List.of(extra));
        new CommandLine(cmd).parseArgs(args.toArray(String[]::new));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        cmd.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Mt5Command.Result r = cmd.run();
        String console = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(r.snapshot().counters().ticksIn() > 0, console);
        return console;
    }

    @Test
    @DisplayName("the default symbols on a broker lacking US30, with .cash names: starts, warns once naming US30, trades the rest")
    void brokerLacksUs30_startsAndTradesTheRest() throws Exception {
        try (SimulatedMt5Terminal t = broker(List.of("EURUSD", "GBPUSD", "USDJPY", "XAUUSD", "BTCUSD"))
                .brokerSuffix(".cash").start()) {
            String console = run(t);
            assertEquals(1, console.split("warning: the broker offers no symbol", -1).length - 1, console);
            assertTrue(console.contains("no symbol for US30 (name it with --symbol-map"), console);
            assertTrue(console.contains("trading EURUSD,GBPUSD,USDJPY,XAUUSD,BTCUSD"), console);
            assertTrue(console.contains("ensemble warmed up from"), console);
        }
    }

    @Test
    @DisplayName("a broker naming US30 DJ30 and gold GOLD#: --symbol-map US30=DJ30 trades all, no warning")
    void symbolMap_findsDj30() throws Exception {
        try (SimulatedMt5Terminal t = broker(List.of("EURUSD", "GBPUSD", "USDJPY", "XAUUSD", "US30", "BTCUSD"))
                .brokerSuffix("#").brokerName("US30", "DJ30").start()) {
            String console = run(t, "--symbol-map", "US30=DJ30");
            assertFalse(console.contains("warning: the broker offers no symbol"), console);
        }
    }

    @Test
    @DisplayName("--symbol-map refuses a non-catalog symbol, a missing '=' and a symbol mapped twice, in one line")
    void badSymbolMap_isOneLine() {
        for (String[] bad : List.of(new String[] {"--symbol-map", "US31=DJ30"}, new String[] {"--symbol-map", "US30"},
                new String[] {"--symbol-map", "US30=DJ 30"})) {
            java.io.StringWriter err = new java.io.StringWriter();
            CommandLine cl = new CommandLine(new Mt5Command());
            cl.setErr(new java.io.PrintWriter(err));
            List<String> args = new java.util.ArrayList<>(List.of("--endpoint", "tcp://127.0.0.1:15555"));
            args.addAll(List.of(bad));
            assertEquals(2, cl.execute(args.toArray(String[]::new)), err.toString());
            assertTrue(err.toString().contains("--symbol-map"), err.toString());
        }
        IllegalArgumentException twice = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> OptionTypes.SymbolMapEntry.toMap(List.of(new OptionTypes.SymbolMapEntry("US30", "DJ30"),
                        new OptionTypes.SymbolMapEntry("US30", "WS30")), "--symbol-map"));
        assertTrue(twice.getMessage().contains("maps US30 twice"), twice.getMessage());
    }
}
