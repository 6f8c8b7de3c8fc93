package io.aria.mt5.crash;

import io.aria.core.AccountSnapshot;
import io.aria.core.AssetSpec;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ExecutionReport;
import io.aria.core.ModelVote;
import io.aria.core.OrderIntent;
import io.aria.core.OrderRequest;
import io.aria.core.PipelineSnapshot;
import io.aria.core.Position;
import io.aria.core.Regime;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TickBackpressure;
import io.aria.core.TradingPipeline;
import io.aria.core.audit.JsonlAuditSink;
import io.aria.core.spi.EnsembleModel;
import io.aria.core.spi.OrderGateway;
import io.aria.core.spi.PositionSizer;
import io.aria.core.spi.TradeEventListener;
import io.aria.mt5.Mt5Config;
import io.aria.mt5.Mt5Connection;
import io.aria.mt5.Mt5Gateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The crash test's client: a pipeline with the MT5 gateway and the JSONL audit on the shared data
 * folder, and a strategy that flips every symbol between long and short every few ticks, so orders
 * are always in flight. The driver kills it; the next one starts on the same folder.
 *
 * <p>Arguments: work folder, clock offset in milliseconds, mode ({@code trade}: trade until killed,
 * writing {@code started} once the pipeline runs; {@code final}: trade nothing, write the book
 * after start to {@code final-positions.txt}, close cleanly), and the fault: {@code none}, or
 * {@code halt-before-send:<n>} to halt the JVM ({@code Runtime.halt}, no shutdown of anything) at
 * the n-th order, after its {@code order_submitted} was handed to the audit and before the gateway
 * sees it.
 */
public final class CrashClientMain {

    static final List<String> SYMBOLS = List.of("EURUSD", "XAUUSD", "USDJPY");
    static final long MAGIC = 4711;

    private CrashClientMain() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofMillis(Long.parseLong(args[1])));
        boolean fin = "final".equals(args[2]);
        int haltAt = args[3].startsWith("halt-before-send:") ? Integer.parseInt(args[3].substring(17)) : 0;
        Thread watchdog = new Thread(() -> { // the driver died: do not linger
            try {
                while (System.in.read() >= 0) {
                    // wait for end of input
                }
            } catch (java.io.IOException e) {
                // same
            }
            Runtime.getRuntime().halt(3);
        }, "stdin-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        List<String> endpoints = Files.readAllLines(work.resolve("endpoints"));
        Mt5Connection conn = Mt5Connection.open(Mt5Config.builder().commandEndpoint(endpoints.get(0))
                .eventEndpoint(endpoints.get(1)).symbols(SYMBOLS).heartbeatInterval(Duration.ofMillis(250))
                .requestTimeout(Duration.ofSeconds(3)).orderTimeout(Duration.ofSeconds(2))
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500)).clock(clock).magic(MAGIC).build());
        conn.connect().get(60, TimeUnit.SECONDS);
        OrderGateway gateway = haltAt > 0 ? new HaltingGateway(conn.gateway(), haltAt) : conn.gateway();
        JsonlAuditSink audit = JsonlAuditSink.builder(work.resolve("data")).build();
        TradingPipeline pipeline = TradingPipeline.builder().catalog(conn.catalog()).tickSource(conn.tickSource())
                .ensemble(fin ? (t, out) -> { } : new Flipper()).sizer(minimumLots()).gateway(gateway).auditSink(audit)
                .clock(clock).magic(MAGIC).backpressure(TickBackpressure.CONFLATE).recoveryTimeout(Duration.ofSeconds(30))
                .decisionLogSampleEvery(0).build();
        pipeline.start(); // resolves what the previous client left in flight, adopts its positions
        if (fin) {
            PipelineSnapshot s = pipeline.snapshot();
            StringBuilder b = new StringBuilder();
            for (Position p : s.positions()) {
                b.append(p.ticket()).append(' ').append(p.symbol()).append(' ').append(p.side()).append(' ')
                        .append(Math.round(p.volume() * 1e6) / 1e6).append(' ').append(p.magic()).append('\n');
            }
            write(work.resolve("final-positions.txt"), b.toString());
            pipeline.close();
            System.exit(0);
        }
        write(work.resolve("started"), ProcessHandle.current().pid() + "\n");
        TimeUnit.SECONDS.sleep(120); // the driver kills us long before
        pipeline.close();
        System.exit(0);
    }

    private static void write(Path file, String text) throws java.io.IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static PositionSizer minimumLots() {
        return (d, view) -> {
            AssetSpec spec = view.catalog().spec(d.symbol());
            Optional<Tick> t = view.lastTick(d.symbol());
            if (t.isEmpty()) {
                return Optional.empty();
            }
            Side side = d.direction().entrySide();
            return Optional.of(new OrderIntent(d.symbol(), side, spec.volumeMin(), t.get().priceFor(side), 0, 0, false, d,
                    "crash test: minimum lots"));
        };
    }

    /** Long, then short, then long... switching every 4 to 12 ticks of a symbol. */
    private static final class Flipper implements EnsembleModel {
        private final Map<String, int[]> state = new HashMap<>();
        private final java.util.Random random = new java.util.Random();

        @Override
        public void onTick(Tick tick, Consumer<Decision> out) {
            int[] s = state.computeIfAbsent(tick.symbol(), k -> new int[] {random.nextInt(2), 1 + random.nextInt(12)});
            if (--s[1] > 0) {
                return;
            }
            s[0] ^= 1;
            s[1] = 4 + random.nextInt(9);
            Direction d = s[0] == 0 ? Direction.LONG : Direction.SHORT;
            out.accept(new Decision(tick.symbol(), tick.epochMillis(), d, 0.7, d.sign() * 0.7, Regime.TREND,
                    List.of(new ModelVote("flipper", d.sign(), 0.7, 1, 1)), Map.of()));
        }
    }

    /** Halts the JVM at the n-th order: after the pipeline audited it, before the gateway saw it. */
    private static final class HaltingGateway implements OrderGateway {
        private final Mt5Gateway delegate;
        private int left;

        HaltingGateway(Mt5Gateway delegate, int n) {
            this.delegate = delegate;
            this.left = n;
        }

        @Override
        public CompletionStage<ExecutionReport> submit(OrderRequest request) {
            if (--left == 0) {
                Runtime.getRuntime().halt(137);
            }
            return delegate.submit(request);
        }

        @Override
        public void setTradeEventListener(TradeEventListener listener) {
            delegate.setTradeEventListener(listener);
        }

        @Override
        public void onTick(Tick tick) {
            delegate.onTick(tick);
        }

        @Override
        public Optional<CompletionStage<ExecutionReport>> resolutionOf(String clientOrderId) {
            return delegate.resolutionOf(clientOrderId);
        }

        @Override
        public Optional<CompletionStage<ExecutionReport>> resolutionAfterRestart(OrderRequest request) {
            return delegate.resolutionAfterRestart(request);
        }

        @Override
        public CompletionStage<Integer> modify(long positionTicket, double stopLoss, double takeProfit) {
            return delegate.modify(positionTicket, stopLoss, takeProfit);
        }

        @Override
        public CompletionStage<AccountSnapshot> ready() {
            return delegate.ready();
        }

        @Override
        public List<Position> positions() {
            return delegate.positions();
        }

        @Override
        public AccountSnapshot account() {
            return delegate.account();
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
