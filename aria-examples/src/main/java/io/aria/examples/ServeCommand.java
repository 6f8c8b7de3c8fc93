package io.aria.examples;

import io.aria.analytics.HedgeFundAnalytics;
import io.aria.core.AssetCatalog;
import io.aria.core.TickBackpressure;
import io.aria.core.TradingPipeline;
import io.aria.core.audit.JsonlAuditSink;
import io.aria.core.ensemble.WeightedEnsemble;
import io.aria.core.live.LiveEvents;
import io.aria.core.live.LiveExecution;
import io.aria.examples.server.AriaServer;
import io.aria.examples.server.PaperLive;
import io.aria.examples.server.ServerConfig;
import io.aria.core.AccountMode;
import io.aria.mt5.Mt5Config;
import io.aria.mt5.Mt5Connection;
import io.aria.mt5.Mt5GatewayConnection;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import io.aria.risk.RiskLayer;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The pipeline run as a service with the seed's HTTP control API: the paper pipeline by default,
 * the simulated MT5 terminal with {@code --simulate}, a real terminal with {@code --endpoint}.
 * Nothing trades until a client connects and enables symbols ({@code POST
 * /live-execution/quick-start} does both). Prints the URL and the token; Ctrl-C or SIGTERM stops
 * it cleanly.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the pipeline with the HTTP control API (paper by default; --simulate or --endpoint for MT5).")
public final class ServeCommand implements Callable<Integer> {

    /** Where the market is, when not paper. */
    static final class Target {
        @Option(names = "--simulate", required = true, description = "Trade against the simulated MT5 terminal on loopback.")
        boolean simulate;

        @Option(names = "--endpoint", required = true, converter = OptionTypes.Endpoint.class,
                description = "Command endpoint of a terminal running AriaBridge, e.g. tcp://127.0.0.1:15555.")
        String endpoint;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Target target;

    @Option(names = "--event-endpoint", converter = OptionTypes.Endpoint.class,
            description = "--endpoint only: the terminal's event (PUB) endpoint (default: the command port + 1).")
    String eventEndpoint;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--port", defaultValue = "8000", converter = Port.class,
            description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--cors-origin", paramLabel = "<origin>",
            description = "A browser origin allowed to call the API (repeatable; default: none, CORS off).")
    List<String> corsOrigins;

    @Option(names = "--speed", defaultValue = "1", converter = OptionTypes.SimSpeed.class,
            description = "Simulated seconds per real second, paper and --simulate (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed of the simulated market (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", defaultValue = "2025-03-03T07:00:00Z", converter = OptionTypes.StartTime.class,
            description = "Simulated start time (default: ${DEFAULT-VALUE}, a Monday).")
    Instant start;

    @Option(names = "--balance", defaultValue = "100000", converter = OptionTypes.Balance.class,
            description = "Starting balance in USD, paper and --simulate (default: ${DEFAULT-VALUE}).")
    double balance;

    @Option(names = "--symbol-map", split = ",", converter = OptionTypes.SymbolMap.class, paramLabel = "CATALOG=BROKER",
            description = "Broker names the catalog's suffix and prefix rules (.m, .cash, -ECN, #, any case) do not find, "
                    + "e.g. US30=DJ30,XAUUSD=GOLD. A symbol the broker lacks is dropped with a warning; the rest trade.")
    List<OptionTypes.SymbolMapEntry> symbolMap;

    @Option(names = "--connect-timeout", defaultValue = "PT30S", converter = OptionTypes.ConnectTimeout.class,
            description = "MT5 only: how long to wait for the terminal's first answer (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @picocli.CommandLine.Mixin
    RiskAndAuditOptions common = new RiskAndAuditOptions();

    /** Stops the command in tests (null: only a signal stops it). */
    volatile java.util.concurrent.CountDownLatch stopLatch;
    /** Set once serving, for tests. */
    volatile AriaServer server;

    PrintStream out = System.out;

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /** A TCP port from 0 (any free one) to 65535. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            String v = value.strip();
            if (!v.matches("[0-9]{1,5}") || Integer.parseInt(v) > 65_535) {
                throw new TypeConversionException(OptionTypes.show(value) + " is not a port; give 0 to 65535");
            }
            return Integer.parseInt(v);
        }
    }

    @Override
    public Integer call() throws Exception {
        try {
            serve();
            return 0;
        } catch (RiskAndAuditOptions.AuditExit e) {
            return common.exit(e);
        }
    }

    private void serve() throws Exception {
        ServerConfig config = ServerConfig.builder().host(host).port(port)
                .corsOrigins(corsOrigins == null ? List.of() : corsOrigins).build();
        if (target == null) {
            RiskLayer risk = common.riskLayer(AssetCatalog.defaults());
            common.openAudit().close(); // a bad --data is one line, before anything starts
            try (PaperLive paper = PaperLive.create(common.dataDir, seed, speed, start, Duration.ofDays(3650), risk,
                    balance)) {
                out.printf("ARIA serve: paper pipeline on synthetic ticks (seed %d, %.0fx real time), audit under %s%n",
                        seed, speed, common.dataDir.toAbsolutePath());
                run(paper.live(), paper.analytics(), config.withClassLimits(
                        risk.config().correlation().maxClassExposure()));
                paper.pipeline().close();
                RiskAndAuditOptions.requireAuditWritten(paper.audit());
            }
            return;
        }
        serveMt5(config);
    }

    private void serveMt5(ServerConfig config) throws Exception {
        SimulatedMt5Terminal sim = null;
        Mt5Config.Builder b = Mt5Config.builder().fromEnvironment()
                .symbolMap(OptionTypes.SymbolMapEntry.toMap(symbolMap, "--symbol-map"));
        if (target.simulate) {
            if (eventEndpoint != null) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--event-endpoint " + eventEndpoint + " is for --endpoint; --simulate picks its own ports");
            }
            sim = SimulatedMt5Terminal.builder().brokerSuffix(".m").seed(seed).accountMode(AccountMode.NETTING)
                    .balance(balance).tickInterval(Duration.ofMillis(50))
                    .clock(new Mt5Command.FastClock(start, speed)).start();
            b.commandEndpoint(sim.commandEndpoint()).eventEndpoint(sim.eventEndpoint());
        } else {
            b.commandEndpoint(target.endpoint);
            b.eventEndpoint(eventEndpoint != null ? eventEndpoint
                    : target.endpoint.substring(0, target.endpoint.lastIndexOf(':') + 1)
                            + (OptionTypes.Endpoint.port(target.endpoint) + 1));
        }
        Mt5Config cfg = b.build();
        Mt5Connection conn = Mt5Connection.open(cfg);
        try (JsonlAuditSink audit = common.openAudit()) {
            out.println("connecting: " + cfg); // redacts keys
            conn.connect(connectTimeout); // the broker's specs are needed to build the pipeline
            AssetCatalog catalog = conn.catalog();
            RiskLayer risk = common.riskLayer(catalog);
            HedgeFundAnalytics analytics = HedgeFundAnalytics.builder().catalog(catalog).build();
            LiveEvents events = LiveEvents.create(catalog);
            TradingPipeline pipeline = TradingPipeline.builder().catalog(catalog).tickSource(conn.tickSource())
                    .ensemble(WeightedEnsemble.withDefaults(catalog)).sizer(risk.sizer()).riskGuard(risk.guard())
                    .gateway(conn.gateway()).auditSink(audit).listener(analytics).listener(events)
                    .enabledSymbols(Set.of()).backpressure(TickBackpressure.CONFLATE).closeComponents(false).build();
            LiveExecution live = LiveExecution.builder(pipeline).connection(Mt5GatewayConnection.of(conn))
                    .events(events).audit(audit).connectTimeout(connectTimeout).build();
            out.printf("ARIA serve: MT5 %s at %s, audit under %s%n", target.simulate ? "simulated terminal" : "terminal",
                    cfg.commandEndpoint(), common.dataDir.toAbsolutePath());
            try {
                run(live, analytics, config.withClassLimits(risk.config().correlation().maxClassExposure()));
            } finally {
                pipeline.close();
            }
            audit.close();
            RiskAndAuditOptions.requireAuditWritten(audit);
        } finally {
            conn.close();
            if (sim != null) {
                sim.close();
            }
        }
    }

    private void run(LiveExecution live, HedgeFundAnalytics analytics, ServerConfig config) throws Exception {
        try (GracefulStop stop = new GracefulStop("serve", STOP_GRACE)) {
            try (AriaServer s = AriaServer.start(live, analytics, config)) {
                server = s;
                out.println("control API on " + s.url() + " (OpenAPI: " + s.url() + "/openapi.json, Swagger UI: "
                        + s.url() + "/swagger)");
                out.println(s.tokenGenerated() ? "token (generated, shown once): " + s.token()
                        : "token: the one you set (ARIA_API_TOKEN)");
                out.println("try:  curl -X POST -H \"Authorization: Bearer $TOKEN\" " + s.url()
                        + "/live-execution/quick-start");
                out.println("dashboard: " + s.url() + "/hedge-fund/dashboard?access_token=$TOKEN");
                out.println("Ctrl-C stops it");
                while (!stop.requested()) {
                    java.util.concurrent.CountDownLatch l = stopLatch;
                    try {
                        if (l != null ? l.await(200, TimeUnit.MILLISECONDS) : sleep()) {
                            break;
                        }
                    } catch (InterruptedException signalled) {
                        break;
                    }
                }
                stop.finishing();
                server = null;
            }
            var st = live.pipeline().snapshot();
            out.printf("stopped: %d ticks, %d orders sent, %d open positions, equity %.2f %s%n",
                    st.counters().ticksIn(), st.counters().ordersSent(), st.positions().size(),
                    st.account().equity(), st.account().currency());
            // serve runs until stopped: a signal or Ctrl-C is its normal end
            Reports.writeAndPrint(out, analytics, st, common.dataDir, new Reports.RunInfo("serve",
                    List.copyOf(new java.util.TreeSet<>(st.enabledSymbols() == null ? Set.of() : st.enabledSymbols())),
                    target == null ? "synthetic, seed " + seed : target.simulate ? "simulated MT5 terminal"
                            : "MT5 terminal at " + target.endpoint, 0, st.epochMillis(), target == null ? seed : null,
                    "none", java.util.Map.of(), true));
        }
    }

    private static boolean sleep() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(200);
        return false;
    }
}
