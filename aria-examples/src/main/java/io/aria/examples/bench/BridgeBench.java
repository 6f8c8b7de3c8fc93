package io.aria.examples.bench;

import io.aria.core.AccountMode;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.spi.TickListener;
import io.aria.mt5.IoWaitStrategy;
import io.aria.mt5.Mt5Config;
import io.aria.mt5.Mt5Connection;
import io.aria.mt5.Mt5Gateway;
import io.aria.mt5.internal.IoLoop;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The {@code bridge} part: the MT5 bridge beside bare JeroMQ of the same message sizes and the
 * same topology, measured in the same run, under each {@link IoWaitStrategy}.
 *
 * <ul>
 *   <li><b>Round trip</b> ({@code rt.*}): an order submitted to {@link Mt5Gateway} and waited for
 *       on the calling thread, through a real DEALER to the {@link SimulatedMt5Terminal}'s ROUTER
 *       on loopback tcp and back (the terminal checks and fills it). Baseline: a bare DEALER on the
 *       calling thread sending a request of the order's size to a ROUTER echo thread that answers
 *       with a reply of the order reply's size, each side in its own ZeroMQ context.</li>
 *   <li><b>Tick to order</b> ({@code t2o.*}): a tick the terminal publishes (PUB) to the order
 *       it causes arriving back at the terminal's ROUTER, through {@code Mt5TickSource} -> a
 *       minimal strategy (a {@link TickListener} that orders on the tick it was armed for) ->
 *       {@code Mt5Gateway}. Baseline: the same terminal-side thread kind (an {@link IoLoop} owning
 *       PUB and ROUTER, handed the publish the way the simulated terminal's {@code quote} is) and
 *       one bare client thread that relays SUB -> DEALER, with messages of the tick's and the
 *       order's sizes. Both clocks start when the bench thread hands the tick to the terminal
 *       side and stop on the terminal's thread when the order arrives.</li>
 * </ul>
 * The bare runs are made before and after the ARIA runs and pooled, so both meet the same load.
 */
public record BridgeBench() implements BenchPart {

    /** The sizes seen on the wire (an order request, its reply, a tick event), see docs/bench/bridge.md. */
    static final int ORDER_BYTES = 216;
    static final int REPLY_BYTES = 489;
    static final int TICK_BYTES = 173;

    private static final String SYMBOL = "EURUSD";

    @Override
    public String name() {
        return "bridge";
    }

    @Override
    public String description() {
        return "order round trip and tick to order through the MT5 gateway and the simulated terminal (loopback tcp),"
                + " per I/O wait strategy, beside bare JeroMQ DEALER/ROUTER and PUB->SUB->DEALER->ROUTER of the same"
                + " sizes and topology";
    }

    /** Sizes and caps of one run; {@code paced} orders are sent with a pause between them. */
    record Plan(int warmup, int count, long warmupCapNanos, long segmentCapNanos, int paced) {
    }

    /** The pause between paced orders: the I/O thread is asleep when the next one is submitted, as between a strategy's orders. */
    static final long PACE_NANOS = TimeUnit.MICROSECONDS.toNanos(300);

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        Plan plan = ctx.smoke()
                ? new Plan(20, 40, TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.MILLISECONDS.toNanos(200), 10)
                : new Plan(20_000, 10_000, TimeUnit.SECONDS.toNanos(6), TimeUnit.MILLISECONDS.toNanos(2500), 2_000);
        List<Figure> out = new ArrayList<>();
        roundTrips(ctx, plan, out);
        tickToOrder(ctx, plan, out);
        return out;
    }

    // ------------------------------------------------------------------------------------ round trip

    private static void roundTrips(BenchContext ctx, Plan plan, List<Figure> out) throws Exception {
        byte[] request = payload(ORDER_BYTES);
        byte[] reply = payload(REPLY_BYTES);
        Segment bare = new Segment();
        barePingPong(request, reply, plan.warmup, plan.count, plan, bare, 0);
        Segment barePaced = new Segment();
        barePingPong(request, reply, 0, plan.paced, plan, barePaced, PACE_NANOS);
        List<Segment> aria = new ArrayList<>();
        Segment paced = new Segment();
        Clock wednesday = wednesday();
        try (SimulatedMt5Terminal terminal = terminal(wednesday, cid -> { })) {
            // one warm-up for the JIT of the gateway's and terminal's paths; it is shared by every strategy
            if (!ctx.smoke()) {
                gatewayRoundTrips(terminal, wednesday, IoWaitStrategy.BLOCKING, "w", plan.warmup, plan.warmupCapNanos, null,
                        null, plan);
            }
            for (IoWaitStrategy w : IoWaitStrategy.values()) {
                Segment h = new Segment();
                // the paced orders go over the blocking connection once its back-to-back ones are done
                int done = gatewayRoundTrips(terminal, wednesday, w, tag(w), plan.count, plan.segmentCapNanos, h,
                        w == IoWaitStrategy.BLOCKING ? paced : null, plan);
                ctx.log().printf(Locale.ROOT, "  bridge: %s round trips %d, p99 %.1f us, %.2f wake-ups each%n", tag(w),
                        done, h.latency.getValueAtPercentile(99) / 1000.0, h.perOperation());
                aria.add(h);
            }
        }
        barePingPong(request, reply, plan.warmup / 4, plan.count, plan, bare, 0);
        String bareLabel = "bare JeroMQ DEALER/ROUTER ping-pong (" + ORDER_BYTES + " B / " + REPLY_BYTES + " B)";
        percentiles(out, "rt.bare", bareLabel, bare.latency, null, null);
        wakeups(out, "rt.bare", bareLabel, bare, null);
        for (IoWaitStrategy w : IoWaitStrategy.values()) {
            String label = "Mt5Gateway order round trip, " + tag(w) + " I/O wait";
            percentiles(out, "rt." + tag(w), label, aria.get(w.ordinal()).latency, "rt.bare", "<= 1.2x");
            wakeups(out, "rt." + tag(w), label, aria.get(w.ordinal()), "rt.bare");
        }
        String pace = ", one order every " + TimeUnit.NANOSECONDS.toMicros(PACE_NANOS) + " us (the threads asleep between)";
        percentiles(out, "rt.paced.bare", bareLabel + pace, barePaced.latency, null, null);
        wakeups(out, "rt.paced.bare", bareLabel + pace, barePaced, null);
        percentiles(out, "rt.paced.blocking", "Mt5Gateway order round trip, blocking" + pace, paced.latency,
                "rt.paced.bare", null);
        wakeups(out, "rt.paced.blocking", "Mt5Gateway order round trip, blocking" + pace, paced, "rt.paced.bare");
    }

    /**
     * Submits orders one at a time on this thread and waits for each report, buy and sell in turn
     * so the netting book stays flat.
     *
     * @return how many were measured
     */
    static int gatewayRoundTrips(SimulatedMt5Terminal terminal, Clock clock, IoWaitStrategy wait, String prefix,
            int count, long capNanos, Segment h, Segment paced, Plan plan) throws Exception {
        try (Mt5Connection connection = Mt5Connection.open(config(terminal, clock, wait))) {
            connection.connect().get(10, TimeUnit.SECONDS);
            Mt5Gateway gateway = connection.gateway();
            double[] q = terminal.quote(SYMBOL);
            int done = roundTripsOn(gateway, q, prefix, count, capNanos, h, 0);
            if (paced != null) {
                roundTripsOn(gateway, q, prefix + "p", plan.paced, capNanos, paced, PACE_NANOS);
            }
            return done;
        }
    }

    private static int roundTripsOn(Mt5Gateway gateway, double[] q, String prefix, int count, long capNanos, Segment h,
            long pauseNanos) throws Exception {
        {
            long deadline = System.nanoTime() + capNanos;
            long switches = voluntarySwitches();
            int i = 0;
            for (; i < count && System.nanoTime() - deadline < 0; i++) {
                Side side = (i & 1) == 0 ? Side.BUY : Side.SELL;
                OrderRequest r = OrderRequest.market(prefix + i, SYMBOL, side, 0.01, side == Side.BUY ? q[1] : q[0]);
                long t0 = System.nanoTime();
                ExecutionReport rep = gateway.submit(r).toCompletableFuture().get(10, TimeUnit.SECONDS);
                long dt = System.nanoTime() - t0;
                if (rep.status() != ExecutionStatus.FILLED) {
                    throw new IllegalStateException("order " + r.clientOrderId() + " not filled: " + rep);
                }
                if (h != null) {
                    h.latency.recordValue(dt);
                }
                if (pauseNanos > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(pauseNanos);
                }
            }
            if (h != null) {
                // a pause is a sleep of this thread: one switch per order that is not the order's
                h.count(switches + (pauseNanos > 0 ? i : 0), voluntarySwitches(), i);
            }
            return i;
        }
    }

    /** A DEALER on this thread and an echoing ROUTER thread, each in its own context (as client and terminal are). */
    static void barePingPong(byte[] request, byte[] reply, int warmup, int count, Plan plan, Segment h, long pauseNanos)
            throws InterruptedException {
        try (ZContext serverCtx = new ZContext(1); ZContext clientCtx = new ZContext(1)) {
            ZMQ.Socket router = serverCtx.createSocket(SocketType.ROUTER);
            router.setLinger(0);
            router.bind("tcp://127.0.0.1:*");
            String endpoint = router.getLastEndpoint();
            Thread echo = new Thread(() -> {
                ZMQ.Poller poller = serverCtx.createPoller(1);
                poller.register(router, ZMQ.Poller.POLLIN);
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        if (poller.poll(50) < 0) {
                            break;
                        }
                        byte[] id = router.recv(ZMQ.DONTWAIT);
                        if (id == null) {
                            continue;
                        }
                        router.recv(0);
                        router.send(id, ZMQ.SNDMORE);
                        router.send(reply, 0);
                    }
                } catch (org.zeromq.ZMQException e) {
                    // interrupted in a socket call: the run is over
                }
                poller.close();
            }, "bench-bare-echo");
            echo.setDaemon(true);
            echo.start();
            ZMQ.Socket dealer = clientCtx.createSocket(SocketType.DEALER);
            dealer.setLinger(0);
            dealer.connect(endpoint);
            long warmEnd = System.nanoTime() + plan.warmupCapNanos;
            for (int i = 0; i < warmup && System.nanoTime() - warmEnd < 0; i++) {
                dealer.send(request, 0);
                dealer.recv(0);
            }
            long deadline = System.nanoTime() + plan.segmentCapNanos;
            long switches = voluntarySwitches();
            int i = 0;
            for (; i < count && System.nanoTime() - deadline < 0; i++) {
                long t0 = System.nanoTime();
                dealer.send(request, 0);
                dealer.recv(0);
                h.latency.recordValue(System.nanoTime() - t0);
                if (pauseNanos > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(pauseNanos);
                }
            }
            h.count(switches + (pauseNanos > 0 ? i : 0), voluntarySwitches(), i);
            echo.interrupt();
            echo.join(5000);
        }
    }

    // ------------------------------------------------------------------------------------ tick to order

    private static void tickToOrder(BenchContext ctx, Plan plan, List<Figure> out) throws Exception {
        Segment bare = new Segment();
        bareRelay(plan.warmup, plan.count, plan, bare);
        List<Segment> aria = new ArrayList<>();
        Segment onIo = new Segment();
        Clock wednesday = wednesday();
        Arrivals arrivals = new Arrivals();
        try (SimulatedMt5Terminal terminal = terminal(wednesday, arrivals::arrived)) {
            if (!ctx.smoke()) {
                gatewayTickToOrder(terminal, wednesday, IoWaitStrategy.BLOCKING, "v", plan.warmup, plan.warmupCapNanos,
                        arrivals, null, false);
            }
            for (IoWaitStrategy w : IoWaitStrategy.values()) {
                Segment h = new Segment();
                if (ctx.smoke() && w != IoWaitStrategy.BLOCKING) {
                    aria.add(h); // the round trips ran every strategy; a smoke pass stays within seconds
                    continue;
                }
                int done = gatewayTickToOrder(terminal, wednesday, w, "t" + w.ordinal() + "-", plan.count,
                        plan.segmentCapNanos, arrivals, h, false);
                ctx.log().printf(Locale.ROOT, "  bridge: %s ticks to orders %d, p99 %.1f us, %.2f wake-ups each%n", tag(w),
                        done, h.latency.getValueAtPercentile(99) / 1000.0, h.perOperation());
                aria.add(h);
            }
            // the listener on the I/O thread (Mt5Config.ticksOnIoThread): no delivery thread between
            int done = gatewayTickToOrder(terminal, wednesday, IoWaitStrategy.BLOCKING, "ti-", plan.count,
                    plan.segmentCapNanos, arrivals, onIo, true);
            ctx.log().printf(Locale.ROOT, "  bridge: blocking, ticks on the I/O thread: ticks to orders %d, p99 %.1f us,"
                    + " %.2f wake-ups each%n", done, onIo.latency.getValueAtPercentile(99) / 1000.0, onIo.perOperation());
        }
        bareRelay(plan.warmup / 4, plan.count, plan, bare);
        String bareLabel = "bare JeroMQ PUB->SUB->DEALER->ROUTER relay (" + TICK_BYTES + " B tick, " + ORDER_BYTES
                + " B order)";
        percentiles(out, "t2o.bare", bareLabel, bare.latency, null, null);
        wakeups(out, "t2o.bare", bareLabel + ", tick to filled reply", bare, null);
        for (IoWaitStrategy w : IoWaitStrategy.values()) {
            String label = "tick -> Mt5TickSource -> strategy -> Mt5Gateway -> terminal, " + tag(w) + " I/O wait";
            percentiles(out, "t2o." + tag(w), label, aria.get(w.ordinal()).latency, "t2o.bare", "<= 1.5x");
            wakeups(out, "t2o." + tag(w), label + ", tick to filled reply", aria.get(w.ordinal()), "t2o.bare");
        }
        String label = "tick -> Mt5TickSource (listener on the I/O thread) -> strategy -> Mt5Gateway -> terminal, blocking";
        percentiles(out, "t2o.blocking-io-ticks", label, onIo.latency, "t2o.bare", "<= 1.5x");
        wakeups(out, "t2o.blocking-io-ticks", label + ", tick to filled reply", onIo, "t2o.bare");
    }

    /** The terminal's side of tick to order: which order it waits for, and when it arrived. */
    static final class Arrivals {
        private volatile String expected;
        private volatile long at;
        private volatile CountDownLatch latch = new CountDownLatch(0);

        void expect(String cid) {
            latch = new CountDownLatch(1);
            expected = cid;
        }

        /** On the terminal's I/O thread, before it handles the order. */
        void arrived(String cid) {
            if (cid.equals(expected)) {
                at = System.nanoTime();
                expected = null;
                latch.countDown();
            }
        }

        long await() throws InterruptedException {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the order of the tick never reached the terminal");
            }
            return at;
        }
    }

    /** The minimal strategy: on the tick it was armed for, one market order. */
    static final class OrderOnTick implements TickListener {
        private final Mt5Gateway gateway;
        private final AtomicReference<String> armed = new AtomicReference<>();
        private volatile Side side = Side.BUY;
        private volatile CompletableFuture<ExecutionReport> last;

        OrderOnTick(Mt5Gateway gateway) {
            this.gateway = gateway;
        }

        void arm(String cid, Side s) {
            side = s;
            last = null;
            armed.set(cid);
        }

        @Override
        public void onTick(Tick tick) {
            String cid = armed.getAndSet(null);
            if (cid == null || !tick.symbol().equals(SYMBOL)) {
                return;
            }
            Side s = side;
            last = gateway.submit(OrderRequest.market(cid, SYMBOL, s, 0.01, tick.priceFor(s))).toCompletableFuture();
        }

        ExecutionReport report() throws Exception {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            CompletableFuture<ExecutionReport> f;
            while ((f = last) == null) {
                if (System.nanoTime() - end > 0) {
                    throw new IllegalStateException("the strategy never ordered");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(10_000);
            }
            return f.get(10, TimeUnit.SECONDS);
        }
    }

    static int gatewayTickToOrder(SimulatedMt5Terminal terminal, Clock clock, IoWaitStrategy wait, String prefix,
            int count, long capNanos, Arrivals arrivals, Segment h, boolean ticksOnIoThread) throws Exception {
        Mt5Config config = Mt5Config.builder().commandEndpoint(terminal.commandEndpoint())
                .eventEndpoint(terminal.eventEndpoint()).symbols(List.of(SYMBOL)).clock(clock).ioWaitStrategy(wait)
                .ticksOnIoThread(ticksOnIoThread).build();
        try (Mt5Connection connection = Mt5Connection.open(config)) {
            OrderOnTick strategy = new OrderOnTick(connection.gateway());
            connection.tickSource().start(strategy);
            connection.connect().get(10, TimeUnit.SECONDS);
            connection.gateway().ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + capNanos;
            long switches = voluntarySwitches();
            int i = 0;
            for (; i < count && System.nanoTime() - deadline < 0; i++) {
                String cid = prefix + i;
                Side side = (i & 1) == 0 ? Side.BUY : Side.SELL;
                double bid = 1.10001 + (i & 1) * 0.00002;
                arrivals.expect(cid);
                strategy.arm(cid, side);
                long t0 = System.nanoTime();
                terminal.quote(SYMBOL, bid, bid + 0.00011);
                long t1 = arrivals.await();
                ExecutionReport rep = strategy.report();
                if (rep.status() != ExecutionStatus.FILLED) {
                    throw new IllegalStateException("order " + cid + " not filled: " + rep);
                }
                if (h != null) {
                    h.latency.recordValue(t1 - t0);
                }
            }
            if (h != null) {
                h.count(switches, voluntarySwitches(), i);
            }
            return i;
        }
    }

    /**
     * The bare relay: a terminal-side {@link IoLoop} owning PUB and ROUTER (the simulated
     * terminal's kind of thread) and one client thread that sends an order on its DEALER for
     * each tick its SUB receives, and reads the replies.
     */
    static void bareRelay(int warmup, int count, Plan plan, Segment h) throws InterruptedException {
        byte[] tick = payload(TICK_BYTES);
        byte[] order = payload(ORDER_BYTES);
        byte[] reply = payload(REPLY_BYTES);
        try (ZContext serverCtx = new ZContext(1); ZContext clientCtx = new ZContext(1)) {
            serverCtx.setLinger(0);
            clientCtx.setLinger(0);
            IoLoop server = new IoLoop("bench-bare-terminal", serverCtx);
            AtomicReference<String[]> endpoints = new AtomicReference<>();
            AtomicReference<ZMQ.Socket[]> sockets = new AtomicReference<>();
            Arrivals arrivals = new Arrivals();
            CountDownLatch bound = new CountDownLatch(1);
            server.onStop(() -> {
                ZMQ.Socket[] s = sockets.get();
                if (s != null) {
                    s[0].close();
                    s[1].close();
                }
            });
            server.start();
            server.execute(() -> {
                ZMQ.Socket router = serverCtx.createSocket(SocketType.ROUTER);
                ZMQ.Socket pub = serverCtx.createSocket(SocketType.PUB);
                router.setLinger(0);
                pub.setLinger(0);
                router.bind("tcp://127.0.0.1:*");
                pub.bind("tcp://127.0.0.1:*");
                sockets.set(new ZMQ.Socket[] {router, pub});
                endpoints.set(new String[] {router.getLastEndpoint(), pub.getLastEndpoint()});
                server.register(router, r -> {
                    byte[] id;
                    while ((id = r.recv(ZMQ.DONTWAIT)) != null) {
                        r.recv(0);
                        arrivals.arrived("o");
                        r.send(id, ZMQ.SNDMORE);
                        r.send(reply, 0);
                    }
                });
                bound.countDown();
            });
            bound.await(10, TimeUnit.SECONDS);
            ZMQ.Socket pub = sockets.get()[1];
            ZMQ.Socket sub = clientCtx.createSocket(SocketType.SUB);
            ZMQ.Socket dealer = clientCtx.createSocket(SocketType.DEALER);
            sub.setLinger(0);
            dealer.setLinger(0);
            sub.subscribe(new byte[0]);
            sub.connect(endpoints.get()[1]);
            dealer.connect(endpoints.get()[0]);
            java.util.concurrent.Semaphore replies = new java.util.concurrent.Semaphore(0);
            Thread relay = new Thread(() -> {
                ZMQ.Poller poller = clientCtx.createPoller(2);
                poller.register(sub, ZMQ.Poller.POLLIN);
                poller.register(dealer, ZMQ.Poller.POLLIN);
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        if (poller.poll(50) < 0) {
                            break;
                        }
                        while (sub.recv(ZMQ.DONTWAIT) != null) {
                            dealer.send(order, 0);
                        }
                        while (dealer.recv(ZMQ.DONTWAIT) != null) {
                            replies.release();
                        }
                    }
                } catch (org.zeromq.ZMQException e) {
                    // interrupted in a socket call: the run is over
                }
                poller.close();
                sub.close();
                dealer.close();
            }, "bench-bare-relay");
            relay.setDaemon(true);
            relay.start();
            try {
                // a PUB drops what it sends before the SUB's subscription arrived: publish until one gets through
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                do {
                    arrivals.expect("o");
                    server.execute(() -> pub.send(tick, ZMQ.DONTWAIT));
                } while (!arrivals.latch.await(20, TimeUnit.MILLISECONDS) && System.nanoTime() - end < 0);
                Thread.sleep(100); // the extra ticks' orders and replies of that loop land before the first measured one
                arrivals.expect("none");
                replies.drainPermits();
                long warmEnd = System.nanoTime() + plan.warmupCapNanos;
                for (int i = 0; i < warmup && System.nanoTime() - warmEnd < 0; i++) {
                    relayOnce(server, pub, tick, arrivals, replies);
                }
                long deadline = System.nanoTime() + plan.segmentCapNanos;
                long switches = voluntarySwitches();
                int i = 0;
                for (; i < count && System.nanoTime() - deadline < 0; i++) {
                    h.latency.recordValue(relayOnce(server, pub, tick, arrivals, replies));
                }
                h.count(switches, voluntarySwitches(), i);
            } finally {
                relay.interrupt();
                relay.join(5000);
                server.close();
            }
        }
    }

    /** One tick handed to the terminal thread, waited for until its order arrived and the reply came back. */
    private static long relayOnce(IoLoop server, ZMQ.Socket pub, byte[] tick, Arrivals arrivals,
            java.util.concurrent.Semaphore replies) throws InterruptedException {
        arrivals.expect("o");
        long t0 = System.nanoTime();
        CountDownLatch published = new CountDownLatch(1);
        server.execute(() -> {
            pub.send(tick, ZMQ.DONTWAIT);
            published.countDown();
        });
        published.await(); // as SimulatedMt5Terminal.quote waits for its loop
        long t1 = arrivals.await();
        if (!replies.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the bare relay got no reply");
        }
        return t1 - t0;
    }

    // ------------------------------------------------------------------------------------ helpers

    /**
     * Voluntary context switches of every thread of this process, summed (Linux
     * {@code /proc/self/task/<tid>/status}): each is a thread that went to sleep waiting for
     * another, so their count per operation is the number of wake-ups on its path, a figure the
     * machine's load does not change. -1 where /proc is not there.
     */
    static long voluntarySwitches() {
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
        if (!java.nio.file.Files.isDirectory(tasks)) {
            return -1;
        }
        long sum = 0;
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(tasks)) {
            for (java.nio.file.Path t : (Iterable<java.nio.file.Path>) s::iterator) {
                try {
                    for (String line : java.nio.file.Files.readAllLines(t.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return sum;
    }

    /** A segment's samples and wake-ups. */
    static final class Segment {
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        long switches;
        long operations;

        void count(long switchesBefore, long switchesAfter, long ops) {
            if (switchesBefore >= 0 && switchesAfter >= 0) {
                switches += switchesAfter - switchesBefore;
                operations += ops;
            }
        }

        double perOperation() {
            return operations == 0 ? -1 : (double) switches / operations;
        }
    }

    private static void wakeups(List<Figure> out, String id, String label, Segment s, String baseline) {
        double v = s.perOperation();
        if (v >= 0) {
            Figure f = Figure.of(id + ".wakeups", label + ": voluntary context switches per operation, all threads",
                    v, "switches");
            out.add(baseline == null ? f : f.against(baseline + ".wakeups"));
        }
    }

    static String tag(IoWaitStrategy w) {
        return w.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Clock wednesday() {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Instant.parse("2024-01-03T12:00:00Z")));
    }

    private static SimulatedMt5Terminal terminal(Clock clock, java.util.function.Consumer<String> onOrder) {
        return SimulatedMt5Terminal.builder().symbols(List.of(SYMBOL)).accountMode(AccountMode.NETTING)
                .balance(1_000_000_000).tickInterval(Duration.ZERO).clock(clock).onOrderReceived(onOrder).start();
    }

    private static Mt5Config config(SimulatedMt5Terminal terminal, Clock clock, IoWaitStrategy wait) {
        return Mt5Config.builder().commandEndpoint(terminal.commandEndpoint()).eventEndpoint(terminal.eventEndpoint())
                .symbols(List.of(SYMBOL)).clock(clock).ioWaitStrategy(wait).build();
    }

    /** @return a JSON-looking message of exactly {@code size} bytes */
    static byte[] payload(int size) {
        StringBuilder b = new StringBuilder("{\"type\":\"bench\",\"pad\":\"");
        while (b.length() < size - 2) {
            b.append('x');
        }
        b.append("\"}");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void percentiles(List<Figure> out, String id, String label, Histogram h, String baseline, String goal) {
        if (h.getTotalCount() == 0) {
            return; // not measured in this pass (a smoke pass skips some)
        }
        double[][] ps = {{50, 0}, {99, 1}, {99.9, 2}};
        String[] names = {"p50", "p99", "p999"};
        String[] shown = {"p50", "p99", "p99.9"};
        for (int i = 0; i < ps.length; i++) {
            double us = h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(ps[i][0]) / 1000.0;
            Figure f = Figure.of(id + "." + names[i], label + ", " + shown[i] + " (" + h.getTotalCount() + " samples)",
                    us, "us");
            if (baseline != null) {
                f = f.against(baseline + "." + names[i]);
                if (i == 1 && goal != null) {
                    f = f.goal(goal);
                }
            }
            out.add(f);
        }
    }
}
