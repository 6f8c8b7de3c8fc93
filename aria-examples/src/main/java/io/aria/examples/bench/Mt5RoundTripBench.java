package io.aria.examples.bench;

import io.aria.core.AccountMode;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.Side;
import io.aria.mt5.Mt5Config;
import io.aria.mt5.Mt5Connection;
import io.aria.mt5.Mt5Gateway;
import io.aria.mt5.OrderStatistics;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Latency harness: the order round trip through {@link Mt5Gateway} and JeroMQ to the
 * {@link SimulatedMt5Terminal} on loopback (submit to report: JSON encoding, the I/O thread
 * hand-off, DEALER/ROUTER, the terminal's checks and fill, the reply, the wake-up of the caller),
 * beside a bare DEALER/ROUTER ping-pong of a message of the same size measured in the same run,
 * with both sockets in one ZeroMQ context and in two (as the client and the terminal are).
 *
 * <p>Usage: {@code java -cp ... io.aria.examples.bench.Mt5RoundTripBench [orders] [warmup]}
 * (defaults 20000 and 40000: with fewer warm-up orders the JIT is still compiling the gateway's
 * and JeroMQ's paths during the measurement and its threads take the two cores' time). Prints
 * HdrHistogram percentiles in microseconds.
 */
public final class Mt5RoundTripBench {

    private Mt5RoundTripBench() {
    }

    /**
     * @param args [orders] [warmup]
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 40_000;
        String payload = "{\"type\":\"order\",\"id\":\"12345\",\"client_order_id\":\"bench-123456\",\"symbol\":\"EURUSD\","
                + "\"side\":\"buy\",\"sl\":0.0,\"tp\":0.0,\"magic\":0,\"position\":0,\"filling\":\"\",\"volume\":0.01,"
                + "\"price\":1.10012,\"deviation\":10,\"expires_utc_ms\":1704283205000}";

        Histogram bare1 = barePingPong(payload, warmup, orders, false);
        Histogram bare2 = barePingPong(payload, warmup, orders, true);
        Histogram gateway = gatewayRoundTrip(warmup, orders);
        Histogram bare3 = barePingPong(payload, warmup / 4, orders, false);
        Histogram bare4 = barePingPong(payload, warmup / 4, orders, true);

        System.out.printf("machine: %d cores, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.printf("%-34s %8s %8s %8s %8s %8s %8s%n", "round trip (us)", "p50", "p90", "p99", "p99.9", "max",
                "count");
        print("bare ping-pong, one context (a)", bare1);
        print("bare ping-pong, two contexts (a)", bare2);
        print("Mt5Gateway order -> sim -> report", gateway);
        print("bare ping-pong, one context (b)", bare3);
        print("bare ping-pong, two contexts (b)", bare4);
        double gwP99 = gateway.getValueAtPercentile(99) / 1000.0;
        double oneP99 = Math.min(bare1.getValueAtPercentile(99), bare3.getValueAtPercentile(99)) / 1000.0;
        double twoP99 = Math.min(bare2.getValueAtPercentile(99), bare4.getValueAtPercentile(99)) / 1000.0;
        System.out.printf("gateway p99 %.1f us; / bare one-context p99 = %.2f; / bare two-context p99 = %.2f"
                + " (goals: p99 <= 500 us, ratio <= 1.5)%n", gwP99, gwP99 / oneP99, gwP99 / twoP99);
    }

    private static void print(String name, Histogram h) {
        System.out.printf("%-34s %8.1f %8.1f %8.1f %8.1f %8.1f %8d%n", name, h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0, h.getTotalCount());
    }

    /**
     * An echoing ROUTER thread and a DEALER on the calling thread, both JeroMQ, on loopback; with
     * two contexts each side has its own ZeroMQ I/O thread, as the terminal and the client do.
     */
    static Histogram barePingPong(String payload, int warmup, int count, boolean twoContexts)
            throws InterruptedException {
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        byte[] msg = payload.getBytes(StandardCharsets.UTF_8);
        try (ZContext ctx = new ZContext(1); ZContext clientCtx = new ZContext(1)) {
            ZMQ.Socket router = ctx.createSocket(SocketType.ROUTER);
            router.setLinger(0);
            router.bind("tcp://127.0.0.1:*");
            String endpoint = router.getLastEndpoint();
            Thread echo = new Thread(() -> {
                ZMQ.Poller poller = ctx.createPoller(1);
                poller.register(router, ZMQ.Poller.POLLIN);
                while (!Thread.currentThread().isInterrupted()) {
                    if (poller.poll(50) < 0) {
                        break;
                    }
                    byte[] id = router.recv(ZMQ.DONTWAIT);
                    if (id == null) {
                        continue;
                    }
                    byte[] body = router.recv(0);
                    router.send(id, ZMQ.SNDMORE);
                    router.send(body, 0);
                }
                poller.close();
            }, "bench-echo");
            echo.setDaemon(true);
            echo.start();
            ZMQ.Socket dealer = (twoContexts ? clientCtx : ctx).createSocket(SocketType.DEALER);
            dealer.setLinger(0);
            dealer.connect(endpoint);
            for (int i = 0; i < warmup + count; i++) {
                long t0 = System.nanoTime();
                dealer.send(msg, 0);
                dealer.recv(0);
                long dt = System.nanoTime() - t0;
                if (i >= warmup) {
                    h.recordValue(dt);
                }
            }
            echo.interrupt();
            echo.join(2000);
        }
        return h;
    }

    /** Submits orders one at a time and waits for each report, alternating buy and sell so the netting book stays flat. */
    static Histogram gatewayRoundTrip(int warmup, int count) throws Exception {
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        Clock wednesday = Clock.offset(Clock.systemUTC(),
                Duration.between(Instant.now(), Instant.parse("2024-01-03T12:00:00Z")));
        try (SimulatedMt5Terminal terminal = SimulatedMt5Terminal.builder().symbols(List.of("EURUSD"))
                .accountMode(AccountMode.NETTING).balance(1_000_000).tickInterval(Duration.ZERO).clock(wednesday).start();
                Mt5Connection connection = Mt5Connection.open(Mt5Config.builder()
                        .commandEndpoint(terminal.commandEndpoint()).eventEndpoint(terminal.eventEndpoint())
                        .symbols(List.of("EURUSD")).clock(wednesday).build())) {
            connection.connect().get(10, TimeUnit.SECONDS);
            Mt5Gateway gateway = connection.gateway();
            double[] q = terminal.quote("EURUSD");
            for (int i = 0; i < warmup + count; i++) {
                Side side = (i & 1) == 0 ? Side.BUY : Side.SELL;
                OrderRequest r = OrderRequest.market("b" + i, "EURUSD", side, 0.01, side == Side.BUY ? q[1] : q[0]);
                long t0 = System.nanoTime();
                ExecutionReport rep = gateway.submit(r).toCompletableFuture().get(10, TimeUnit.SECONDS);
                long dt = System.nanoTime() - t0;
                if (rep.status() != ExecutionStatus.FILLED) {
                    throw new IllegalStateException("order " + i + " not filled: " + rep);
                }
                if (i >= warmup) {
                    h.recordValue(dt);
                }
            }
            OrderStatistics st = gateway.statistics();
            System.out.printf("gateway statistics: %s%n", st);
        }
        return h;
    }
}
