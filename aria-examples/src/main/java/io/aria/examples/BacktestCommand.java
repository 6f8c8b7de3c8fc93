package io.aria.examples;

import io.aria.analytics.Backtest;
import io.aria.analytics.HedgeFundAnalytics;
import io.aria.core.AssetCatalog;
import io.aria.core.PipelineSnapshot;
import io.aria.core.Tick;
import io.aria.core.TradingPipeline;
import io.aria.core.audit.JsonlAuditSink;
import io.aria.core.ensemble.Bar;
import io.aria.core.ensemble.WeightedEnsemble;
import io.aria.core.paper.PaperBroker;
import io.aria.core.source.CsvTickSource;
import io.aria.core.source.SyntheticTickSource;
import io.aria.core.spi.TickSource;
import io.aria.risk.RiskLayer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A backtest of the full pipeline: tick files (MT5 "Export ticks", HistData, {@code
 * time,symbol,bid,ask}; several merged by time) or a synthetic session, replayed through the same
 * pipeline as {@code paper} (ensemble, sizer, risk guards, kill switch, paper broker, audit) in
 * step mode as fast as it goes, deterministic for a seed. Shows a progress bar, prints the summary
 * and writes {@code report.json} and {@code report.html} into the data folder.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Replay tick files (MT5 export, HistData, time,symbol,bid,ask) or a synthetic session "
                + "through the full pipeline as fast as possible; writes report.json and report.html.")
public final class BacktestCommand implements Callable<Integer> {

    /** Where the ticks come from. */
    static final class Input {
        @Option(names = "--ticks", required = true, split = ",", converter = OptionTypes.TickFile.class,
                paramLabel = "<file>",
                description = "Tick files, merged by time: MT5 \"Export ticks\" (symbol from the file name), "
                        + "HistData ASCII ticks, or time,symbol,bid,ask CSV.")
        List<Path> ticks;

        @Option(names = "--synthetic", required = true,
                description = "Synthetic correlated ticks instead of files (see --duration, --start, --tick-interval, --seed).")
        boolean synthetic;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--symbols", split = ",", converter = OptionTypes.CatalogSymbol.class,
            description = "Symbols to trade (default: every symbol in the files; all 21 with --synthetic).")
    List<String> symbols;

    @Option(names = "--server-zone", defaultValue = "UTC", converter = OptionTypes.Zone.class,
            description = "Time zone of MT5 export times (the broker's server time), e.g. Europe/Athens (default: ${DEFAULT-VALUE}).")
    ZoneId serverZone;

    @Option(names = "--warm-up", defaultValue = "PT1H", converter = OptionTypes.WarmUpSpan.class,
            description = "Leading span of the data that warms the models up and is not traded; PT0S for none "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(names = "--warm-up-bars", converter = OptionTypes.BarFile.class, paramLabel = "<file>",
            description = "M1 history bars (symbol,start,open,high,low,close,volume) to warm the models up before the data.")
    OptionTypes.Bars warmUpBars;

    @Option(names = "--duration", defaultValue = "PT8H", converter = OptionTypes.SessionLength.class,
            description = "--synthetic only: simulated session length (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--start", defaultValue = "2025-03-03T07:00:00Z", converter = OptionTypes.StartTime.class,
            description = "--synthetic only: simulated start time, UTC (default: ${DEFAULT-VALUE}).")
    Instant start;

    @Option(names = "--tick-interval", defaultValue = "PT1S", converter = OptionTypes.TickInterval.class,
            description = "--synthetic only: time between two ticks of a symbol (default: ${DEFAULT-VALUE}).")
    Duration tickInterval;

    @Option(names = "--seed", defaultValue = "42",
            description = "--synthetic only: random seed; the same seed gives the same run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--balance", defaultValue = "100000", converter = OptionTypes.Balance.class,
            description = "Starting balance in USD (default: ${DEFAULT-VALUE}).")
    double balance;

    @picocli.CommandLine.Mixin
    RiskAndAuditOptions common = new RiskAndAuditOptions();

    @Option(names = "--status-every", defaultValue = "PT0.5S", converter = OptionTypes.StatusInterval.class,
            description = "Status line interval, wall-clock time (default: ${DEFAULT-VALUE}).")
    Duration statusEvery;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Options of the synthetic source, meaningless with files. */
    private static final List<String> SYNTHETIC_ONLY = List.of("--duration", "--start", "--tick-interval", "--seed");
    /** Time a signalled JVM waits for the summary. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    PrintStream out = System.out;

    /** What a run produced, for tests. */
    record Result(Backtest.Result backtest, Reports.Written reports) {
    }

    @Override
    public Integer call() throws Exception {
        try {
            run();
            return 0;
        } catch (RiskAndAuditOptions.AuditExit e) {
            return common.exit(e);
        }
    }

    Result run() {
        checkInputOptions();
        AssetCatalog catalog = AssetCatalog.defaults();
        TickSource source;
        String described;
        long expectedTicks; // for the progress bar: lines in the files, or ticks of the session
        if (input.synthetic) {
            List<String> chosen = symbols == null || symbols.isEmpty() ? catalog.symbols()
                    : List.copyOf(new LinkedHashSet<>(symbols));
            source = SyntheticTickSource.builder().catalog(catalog).symbols(chosen).seed(seed).startTime(start)
                    .tickInterval(tickInterval).duration(duration).fullSpeed().build();
            described = "synthetic, " + duration + " from " + start + " every " + tickInterval + ", seed " + seed;
            expectedTicks = chosen.size() * Math.max(1, duration.toMillis() / Math.max(1, tickInterval.toMillis()));
        } else {
            CsvTickSource.Builder b = CsvTickSource.builder().catalog(catalog).serverZone(serverZone).fullSpeed();
            input.ticks.forEach(b::file);
            if (symbols != null && !symbols.isEmpty()) {
                b.symbols(List.copyOf(new LinkedHashSet<>(symbols)));
            }
            try {
                source = b.build();
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--ticks: " + AriaMain.oneLine(e.getMessage()));
            }
            if (source.symbols().isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--ticks " + names(input.ticks)
                        + " holds no tick of " + (symbols == null ? "any catalog symbol" : String.join(",", symbols)));
            }
            described = names(input.ticks) + (serverZone.normalized().equals(java.time.ZoneOffset.UTC) ? "" : ", MT5 times in " + serverZone);
            expectedTicks = 0;
            for (Path p : input.ticks) {
                expectedTicks += lines(p);
            }
        }
        List<String> traded = source.symbols();
        WeightedEnsemble ensemble = WeightedEnsemble.withDefaults(catalog);
        RiskLayer risk = common.riskLayer(catalog);
        PaperBroker broker = PaperBroker.builder().catalog(catalog).startingBalance(balance).build();
        JsonlAuditSink audit = common.openAudit();
        HedgeFundAnalytics analytics = HedgeFundAnalytics.builder().catalog(catalog)
                .executionModel(broker.executionModel()).build(); // paper latency is simulated, not measured
        ConsoleReport console = new ConsoleReport(out, ConsoleReport.isTerminal(out));
        long total = Math.max(1, expectedTicks);
        long t0 = System.nanoTime();
        long[] warmDone = {0};
        long[] shownAt = {Long.MIN_VALUE};
        Backtest.Builder bt = Backtest.builder()
                .pipeline(TradingPipeline.builder().catalog(catalog).ensemble(ensemble).sizer(risk.sizer())
                        .riskGuard(risk.guard()).gateway(broker).auditSink(audit))
                .source(source)
                .analytics(analytics)
                .warmUp(warmUp, tick -> {
                    ensemble.warmUpTicks(List.of(tick));
                    risk.volatility().onTick(tick);
                    risk.correlation().onTick(tick);
                })
                .progress((phase, ticks, millis, pipeline) -> {
                    boolean warming = phase == Backtest.Phase.WARM_UP;
                    if (warming) {
                        warmDone[0] = ticks;
                    }
                    long now = System.nanoTime();
                    if (shownAt[0] != Long.MIN_VALUE && now - shownAt[0] < statusEvery.toNanos()) {
                        return;
                    }
                    shownAt[0] = now;
                    long seen = warming ? ticks : warmDone[0] + ticks;
                    double rate = seen / Math.max(1e-9, (now - t0) / 1e9);
                    String note = warming ? String.format(Locale.ROOT, "warm-up %,d ticks", ticks) : null;
                    PipelineSnapshot s = pipeline.snapshot();
                    console.status(warming ? withTime(s, millis) : s, rate, seen / (double) total, note);
                }, 4096);
        if (warmUpBars != null) {
            bt.warmUpBars(warmUpBars.bars(), ensemble::warmUp);
        }
        Backtest backtest = bt.build();
        out.printf(Locale.ROOT, "ARIA backtest: %d symbols (%s)%nticks from %s%nwarm-up %s%s; audit and reports under %s%n",
                traded.size(), Reports.shortList(traded), described, warmUp,
                warmUpBars == null ? "" : " after " + warmUpBars.bars().size() + " bars from " + warmUpBars.file(),
                common.dataDir.toAbsolutePath());
        Backtest.Result r;
        try (GracefulStop stop = new GracefulStop("backtest", STOP_GRACE)) {
            r = backtest.run(); // a signal interrupts this thread: the run stops after the current tick
            boolean signalled = stop.finishing();
            double wallSoFar = (System.nanoTime() - t0) / 1e9;
            if (r.completed()) {
                console.status(r.snapshot(), (r.ticks() + r.warmUp().ticks()) / Math.max(1e-9, wallSoFar), 1.0);
            }
            console.endStatus();
            RiskAndAuditOptions.requireAuditWritten(audit);
            double wall = (System.nanoTime() - t0) / 1e9;
            if (signalled || !r.completed()) {
                out.println("stopped before the end of the data; the audit is closed");
            }
            out.println("warm-up: " + r.warmUp().describe());
            if (r.malformed() > 0) {
                out.printf(Locale.ROOT, "skipped %,d malformed lines of the tick files (logged with their place)%n",
                        r.malformed());
            }
            console.summary("ARIA backtest summary", r.snapshot(), balance, analytics.bySymbol(), wall,
                    common.dataDir.toString());
            console.analytics(r.report());
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("balance", balance);
            settings.put("risk config", common.riskConfig == null ? "defaults" : common.riskConfig);
            settings.put("ticks traded", r.ticks());
            settings.put("malformed lines skipped", r.malformed());
            Reports.RunInfo info = new Reports.RunInfo("backtest", traded, described, r.firstMillis(), r.lastMillis(),
                    input.synthetic ? seed : null, r.warmUp().describe(), settings, r.completed() && !signalled);
            Reports.Written w = Reports.writeAndPrint(out, analytics, r.snapshot(), common.dataDir, info);
            return new Result(r, w);
        }
    }

    /** During warm-up no tick reached the engine, whose time is still the wall clock's: show the data's. */
    private static PipelineSnapshot withTime(PipelineSnapshot s, long millis) {
        return new PipelineSnapshot(s.status(), millis, s.account(), s.positions(),
                s.enabledSymbols(), s.killSwitch(), s.counters());
    }

    private static String names(List<Path> files) {
        List<String> n = new ArrayList<>();
        for (Path p : files) {
            n.add(p.getFileName().toString());
        }
        return Reports.shortList(n);
    }

    /** @return the number of line breaks in a file (its ticks, give or take a header) */
    private static long lines(Path file) {
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int k;
            while ((k = in.read(buf)) > 0) {
                for (int i = 0; i < k; i++) {
                    if (buf[i] == '\n') {
                        n++;
                    }
                }
            }
        } catch (IOException e) {
            return 0; // the source reports an unreadable file; the bar only loses its scale
        }
        return n;
    }

    /** Refuses options that the chosen input would silently ignore. */
    private void checkInputOptions() {
        picocli.CommandLine.ParseResult parsed = spec == null ? null : spec.commandLine().getParseResult();
        if (parsed == null || input.synthetic) {
            return;
        }
        for (String o : SYNTHETIC_ONLY) {
            if (parsed.hasMatchedOption(o)) {
                List<String> given = parsed.matchedOption(o).stringValues();
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), o + " " + String.join(" ", given)
                        + " is for --synthetic only; tick files have their own times");
            }
        }
    }
}
