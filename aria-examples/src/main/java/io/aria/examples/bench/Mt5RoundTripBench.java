package io.aria.examples.bench;

import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.Side;
import io.aria.mt5.MarginMode;
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
 * hand-off, DEALER/ROUTER, the terminal's checks and fill, the reply, the callback thread),
 * beside a bare DEALER/ROUTER ping-pong of a message of the same size measured in the same run.
 *
 * <p>Usage: {@code java -cp ... io.aria.examples.bench.Mt5RoundTripBench [orders] [warmup]}
 * (defaults 20000 and 20000). Prints HdrHistogram percentiles in microseconds.
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
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        String payload = "{\"type\":\"order\",\"id\":\"12345\",\"client_order_id\":\"bench-123456\",\"symbol\":\"EURUSD\","
                + "\"side\":\"buy\",\"sl\":0.0,\"tp\":0.0,\"magic\":0,\"position\":0,\"filling\":\"\",\"volume\":0.01,"
                + "\"price\":1.10012,\"deviation\":10,\"expires_utc_ms\":1704283205000}";

        Histogram bare1 = barePingPong(payload, warmup, orders);
        Histogram gateway = gatewayRoundTrip(warmup, orders);
        Histogram bare2 = barePingPong(payload, warmup / 4, orders);

        System.out.printf("machine: %d cores, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.printf("%-34s %8s %8s %8s %8s %8s %8s%n", "round trip (us)", "p50", "p90", "p99", "p99.9", "max",
                "count");
        print("bare DEALER/ROUTER ping-pong (1)", bare1);
        print("Mt5Gateway order -> sim -> report", gateway);
        print("bare DEALER/ROUTER ping-pong (2)", bare2);
        double bareP99 = Math.min(bare1.getValueAtPercentile(99), bare2.getValueAtPercentile(99)) / 1000.0;
        double gwP99 = gateway.getValueAtPercentile(99) / 1000.0;
        System.out.printf("gateway p99 / bare p99 = %.2f (goal <= 1.5; p99 goal <= 500 us)%n", gwP99 / bareP99);
    }

    private static void print(String name, Histogram h) {
        System.out.printf("%-34s %8.1f %8.1f %8.1f %8.1f %8.1f %8d%n", name, h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0, h.getTotalCount());
    }

    /** An echoing ROUTER thread and a DEALER on the calling thread, both JeroMQ, on loopback. */
    static Histogram barePingPong(String payload, int warmup, int count) throws InterruptedException {
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        byte[] msg = payload.getBytes(StandardCharsets.UTF_8);
        try (ZContext ctx = new ZContext(1)) {
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
            ZMQ.Socket dealer = ctx.createSocket(SocketType.DEALER);
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
                .marginMode(MarginMode.NETTING).balance(1_000_000).tickInterval(Duration.ZERO).clock(wednesday).start();
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
