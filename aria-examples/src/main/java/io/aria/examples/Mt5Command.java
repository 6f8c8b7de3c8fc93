package io.aria.examples;

import io.aria.core.AccountMode;
import io.aria.core.AssetCatalog;
import io.aria.core.PipelineSnapshot;
import io.aria.core.TradingPipeline;
import io.aria.core.audit.JsonlAuditSink;
import io.aria.core.ensemble.Bar;
import io.aria.core.ensemble.WeightedEnsemble;
import io.aria.mt5.Mt5Config;
import io.aria.mt5.Mt5Connection;
import io.aria.mt5.Mt5Gateway;
import io.aria.mt5.Mt5Session;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import io.aria.risk.RiskLayer;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The full pipeline trading through the MT5 bridge: against the simulated terminal over real
 * ZeroMQ sockets ({@code --simulate}), or against a real MetaTrader 5 terminal running the
 * AriaBridge Expert Advisor ({@code --endpoint}).
 */
@Command(name = "mt5", mixinStandardHelpOptions = true,
        description = "Trade the full pipeline through the MT5 bridge (simulated terminal or a real one).")
public final class Mt5Command implements Callable<Integer> {

    /** Where the terminal is. */
    static final class Target {
        @Option(names = "--simulate", required = true,
                description = "Start the simulated MT5 terminal on loopback and trade against it.")
        boolean simulate;

        @Option(names = "--endpoint", required = true, converter = OptionTypes.Endpoint.class,
                description = "Command endpoint of a terminal running AriaBridge, e.g. tcp://127.0.0.1:15555 "
                        + "(default from ARIA_MT5_COMMAND_ENDPOINT).")
        String endpoint;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--event-endpoint", converter = OptionTypes.Endpoint.class,
            description = "Event (PUB) endpoint of the real terminal (default: the command port + 1, or ARIA_MT5_EVENT_ENDPOINT).")
    String eventEndpoint;

    @Option(names = "--symbols", split = ",", defaultValue = "EURUSD,GBPUSD,USDJPY,XAUUSD,US30,BTCUSD",
            converter = OptionTypes.CatalogSymbol.class,
            description = "Symbols to trade (default: ${DEFAULT-VALUE}).")
    List<String> symbols;

    @Option(names = "--duration", defaultValue = "PT2M", converter = OptionTypes.RunLength.class,
            description = "How long to trade, wall-clock time; PT0S runs until interrupted (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--speed", defaultValue = "60", converter = OptionTypes.SimSpeed.class,
            description = "--simulate only: simulated seconds per real second (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--sim-start", defaultValue = "2025-03-03T07:00:00Z", converter = OptionTypes.StartTime.class,
            description = "--simulate only: the simulated terminal's start time (default: ${DEFAULT-VALUE}, a Monday).")
    Instant simStart;

    @Option(names = "--hedging", description = "--simulate only: a hedging account (default: netting).")
    boolean hedging;

    @Option(names = "--balance", defaultValue = "100000", converter = OptionTypes.Balance.class,
            description = "--simulate only: the simulated account's balance in USD (default: ${DEFAULT-VALUE}).")
    double balance;

    @Option(names = "--seed", defaultValue = "42", description = "--simulate only: random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--magic", defaultValue = "" + Mt5Config.DEFAULT_MAGIC, converter = OptionTypes.Magic.class,
            description = "This client's MT5 magic number, > 0: its orders carry it and it sees, closes and risks only "
                    + "the positions that carry it; give each client sharing an account its own (default: ${DEFAULT-VALUE}).")
    long magic;

    @picocli.CommandLine.Mixin
    RiskAndAuditOptions common = new RiskAndAuditOptions();

    @Option(names = "--status-every", defaultValue = "PT2S", converter = OptionTypes.StatusInterval.class,
            description = "Status line interval (default: ${DEFAULT-VALUE}).")
    Duration statusEvery;

    @Option(names = "--symbol-map", split = ",", converter = OptionTypes.SymbolMap.class, paramLabel = "CATALOG=BROKER",
            description = "Broker names the catalog's suffix and prefix rules (.m, .cash, -ECN, #, any case) do not find, "
                    + "e.g. US30=DJ30,XAUUSD=GOLD. A symbol the broker lacks is dropped with a warning; the rest trade.")
    List<OptionTypes.SymbolMapEntry> symbolMap;

    @Option(names = "--connect-timeout", defaultValue = "PT30S", converter = OptionTypes.ConnectTimeout.class,
            description = "How long to wait for the terminal's first answer (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Options that configure the simulated terminal, meaningless with a real one. */
    private static final List<String> SIMULATE_ONLY = List.of("--speed", "--sim-start", "--hedging", "--balance", "--seed");
    /** Time a signalled JVM waits for the summary. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    PrintStream out = System.out;
    private String warmUpText = "none";

    /** What a run produced, for tests. */
    record Result(PipelineSnapshot snapshot, long gatewayOrders, Reports.Written reports) {
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

    Result run() throws Exception {
        checkTargetOptions();
        try (JsonlAuditSink audit = common.openAudit()) { // before anything starts: a bad --data trades nothing
            return run(audit);
        }
    }

    private Result run(JsonlAuditSink audit) throws Exception {
        SimulatedMt5Terminal sim = null;
        Mt5Config.Builder config = Mt5Config.builder().fromEnvironment().symbols(symbols).magic(magic)
                .symbolMap(OptionTypes.SymbolMapEntry.toMap(symbolMap, "--symbol-map"));
        if (target.simulate) {
            // loopback (the builder's default; another interface would need allowNonLoopback), and the
            // terminal's CURVE secret from ARIA_MT5_CURVE_SERVER_SECRET_KEY when the client's keys are set
            sim = SimulatedMt5Terminal.builder().fromEnvironment(System.getenv()).symbols(symbols).brokerSuffix(".m").seed(seed)
                    .accountMode(hedging ? AccountMode.HEDGING : AccountMode.NETTING).balance(balance)
                    .tickInterval(Duration.ofMillis(50)).clock(new FastClock(simStart, speed)).start();
            config.commandEndpoint(sim.commandEndpoint()).eventEndpoint(sim.eventEndpoint());
            out.printf("simulated MT5 terminal on %s (commands) and %s (events), %s account, %.0fx real time from %s%n",
                    sim.commandEndpoint(), sim.eventEndpoint(), hedging ? "hedging" : "netting", speed, simStart);
        } else {
            config.commandEndpoint(target.endpoint);
            config.eventEndpoint(eventEndpoint != null ? eventEndpoint : nextPort(target.endpoint));
        }
        Mt5Config cfg = config.build();
        out.printf("connecting to %s (commands) and %s (events), %d symbols, magic %d%n", cfg.commandEndpoint(),
                cfg.eventEndpoint(), symbols.size(), cfg.magic()); // keys are never printed
        Mt5Connection conn = Mt5Connection.open(cfg);
        try {
            Mt5Session session = conn.connect(connectTimeout); // Mt5ConnectException: one line, exit code 1
            out.printf("connected: account %s on %s, %s, leverage 1:%d, %s, trading %s%n", session.login(),
                    session.server(), session.currency(), session.leverage(), session.accountMode(),
                    session.canTrade() ? "allowed" : "NOT allowed (enable AutoTrading in the terminal)");
            return trade(conn, audit);
        } finally {
            conn.close();
            if (sim != null) {
                sim.close();
            }
        }
    }

    private Result trade(Mt5Connection conn, JsonlAuditSink audit) throws Exception {
        AssetCatalog catalog = conn.catalog(); // with the broker's specs
        WeightedEnsemble ensemble = WeightedEnsemble.withDefaults(catalog);
        List<String> traded = conn.tradedSymbols();
        List<String> dropped = symbols.stream().filter(s -> !traded.contains(s)).toList();
        if (traded.isEmpty()) {
            throw new IllegalStateException("the broker offers none of " + String.join(",", symbols)
                    + " (name them with --symbol-map, e.g. US30=DJ30)");
        }
        if (!dropped.isEmpty()) {
            out.printf("warning: the broker offers no symbol for %s (name it with --symbol-map, e.g. US30=DJ30); "
                    + "trading %s%n", String.join(",", dropped), String.join(",", traded));
        }
        List<Bar> history = new ArrayList<>();
        for (String s : traded) {
            history.addAll(conn.bars(s, "M1", ensemble.warmUpBars() + 10).get(30, TimeUnit.SECONDS));
        }
        int warmed = ensemble.warmUp(history);
        out.printf("ensemble warmed up from %d history bars (M1)%n", warmed);
        warmUpText = warmed + " M1 history bars from the terminal";
        RiskLayer risk = common.riskLayer(catalog);
        Mt5Gateway gateway = conn.gateway();
        io.aria.analytics.HedgeFundAnalytics analytics = io.aria.analytics.HedgeFundAnalytics.builder().catalog(catalog).build();
        TradingPipeline pipeline = TradingPipeline.builder().catalog(catalog).tickSource(conn.tickSource())
                .ensemble(ensemble).sizer(risk.sizer()).riskGuard(risk.guard()).gateway(gateway).magic(magic)
                .auditSink(audit).listener(analytics)
                .backpressure(io.aria.core.TickBackpressure.CONFLATE).closeComponents(false).build();
        double startEquity = pipeline.snapshot().account().equity();
        ConsoleReport console = new ConsoleReport(out, ConsoleReport.isTerminal(out));
        long t0 = System.nanoTime();
        long end = duration.isZero() ? Long.MAX_VALUE : t0 + duration.toNanos();
        GracefulStop stop = new GracefulStop("mt5", STOP_GRACE);
        long lastTicks = 0;
        long last = t0;
        try {
            pipeline.start();
            while (System.nanoTime() < end && !stop.requested()) {
                long wait = Math.min(statusEvery.toNanos(), Math.max(0, end - System.nanoTime()));
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException signalled) {
                    break;
                }
                PipelineSnapshot s = pipeline.snapshot();
                long now = System.nanoTime();
                double rate = (s.counters().ticksIn() - lastTicks) / Math.max(1e-9, (now - last) / 1e9);
                lastTicks = s.counters().ticksIn();
                last = now;
                double progress = duration.isZero() ? 0 : (now - t0) / (double) duration.toNanos();
                console.status(s, rate, Math.min(1, progress));
            }
        } catch (RuntimeException e) {
            stop.close();
            throw e;
        } finally {
            console.endStatus();
        }
        boolean signalled = stop.finishing();
        try {
            return summarise(pipeline, audit, gateway, console, analytics, startEquity, t0, signalled);
        } finally {
            stop.close();
        }
    }

    private Result summarise(TradingPipeline pipeline, JsonlAuditSink audit, Mt5Gateway gateway, ConsoleReport console,
            io.aria.analytics.HedgeFundAnalytics analytics, double startEquity, long t0,
            boolean signalled) {
        pipeline.close();
        // after close: no tick arrives any more, so the summary, the logged "pipeline stopped" line
        // and the reports all show the same final figures
        PipelineSnapshot s = pipeline.snapshot();
        audit.close(); // closeComponents(false): the pipeline leaves it open; the audit is ours to close
        RiskAndAuditOptions.requireAuditWritten(audit);
        if (signalled) {
            out.println("stopped by a signal before the end of the run; the audit is closed");
        }
        String title = target.simulate ? "ARIA MT5 (simulated terminal) summary" : "ARIA MT5 summary";
        console.summary(title, s, startEquity, analytics.bySymbol(), (System.nanoTime() - t0) / 1e9, common.dataDir.toString());
        console.analytics(analytics.report(s));
        var stats = gateway.statistics();
        // latency and slippage are the analytics' (above), from the same execution reports
        out.printf(java.util.Locale.ROOT, "bridge: %,d orders submitted, %,d filled, %,d rejected, %,d unknown, %,d price retries%n",
                stats.submitted(), stats.filled(), stats.rejected(), stats.unknown(), stats.priceRetries());
        java.util.Map<String, Object> settings = new java.util.LinkedHashMap<>();
        settings.put("terminal", target.simulate ? "simulated, " + (hedging ? "hedging" : "netting") + ", " + speed
                + "x real time from " + simStart : "real, " + target.endpoint);
        if (target.simulate) {
            settings.put("balance", balance);
        }
        settings.put("duration (wall clock)", duration.isZero() ? "until interrupted" : duration.toString());
        settings.put("risk config", common.riskConfig == null ? "defaults" : common.riskConfig);
        Reports.RunInfo info = new Reports.RunInfo("mt5", symbols, target.simulate ? "simulated MT5 terminal" :
                "MT5 terminal " + target.endpoint, analytics.performance().firstMillis(), s.epochMillis(), target.simulate ? seed : null,
                warmUpText, settings, !signalled);
        Reports.Written w = Reports.writeAndPrint(out, analytics, s, common.dataDir, info);
        return new Result(s, s.counters().ordersSent(), w);
    }

    /** @return the event endpoint beside a command endpoint that {@link OptionTypes.Endpoint} accepted */
    private String nextPort(String endpoint) {
        int port = OptionTypes.Endpoint.port(endpoint);
        if (port == 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--endpoint " + endpoint
                    + " leaves no next port for the events; give --event-endpoint");
        }
        return endpoint.substring(0, endpoint.lastIndexOf(':') + 1) + (port + 1);
    }

    /** Refuses options that the chosen target would silently ignore. */
    private void checkTargetOptions() {
        picocli.CommandLine.ParseResult parsed = spec == null ? null : spec.commandLine().getParseResult();
        if (parsed == null) {
            return;
        }
        if (target.simulate && parsed.hasMatchedOption("--event-endpoint")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--event-endpoint " + eventEndpoint + " is for --endpoint; --simulate picks its own ports");
        }
        if (!target.simulate) {
            for (String o : SIMULATE_ONLY) {
                if (parsed.hasMatchedOption(o)) {
                    List<String> given = parsed.matchedOption(o).stringValues();
                    String shown = o.equals("--hedging") || given.isEmpty() ? o : o + " " + String.join(" ", given);
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), shown
                            + " is for --simulate only; a real terminal has its own account and clock");
                }
            }
        }
    }

    /** A clock that starts at a chosen instant and runs {@code speed} times faster than real time. */
    static final class FastClock extends Clock {
        private final long startMillis;
        private final long realStartNanos = System.nanoTime();
        private final double speed;

        FastClock(Instant start, double speed) {
            if (!(speed > 0)) {
                throw new IllegalArgumentException("--speed must be > 0, was " + speed);
            }
            this.startMillis = start.toEpochMilli();
            this.speed = speed;
        }

        @Override
        public ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return startMillis + (long) ((System.nanoTime() - realStartNanos) / 1e6 * speed);
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }
    }
}
