package io.aria.core.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.KillSwitch;
import io.aria.core.OrderIntent;
import io.aria.core.OrderRequest;
import io.aria.core.PipelineCounters;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradeEvent;
import io.aria.core.TradeReturnCode;
import io.aria.core.Verdict;
import io.aria.core.audit.AuditRecord;
import io.aria.core.spi.PortfolioView;
import io.aria.core.spi.RiskGuard;
import io.aria.core.testing.Allocations;
import io.aria.core.testing.TestPortfolioView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RiskGuard} must do, written once: extend this class, implement
 * {@link #newGuard()}, and the guard is checked against the SPI's contract.
 *
 * <pre>{@code
 * class MyGuardTest extends RiskGuardContract {
 *     @Override protected RiskGuard newGuard() { return new MyGuard(limits); }
 * }
 * }</pre>
 *
 * <p>The kit checks, on a {@link TestPortfolioView} over {@link #catalog()} and ticks of
 * {@link #symbols()}:
 * <ul>
 *   <li>{@code check} never returns null and never throws for ordinary orders (flat or open book,
 *       open or closed session, kill switch on or off, equity down 99% or below zero, only the
 *       order's symbol quoted), and a resize only shrinks the order;</li>
 *   <li>a reducing order is never blocked where exposure, correlation or the session would block
 *       an entry (over-limit book, Saturday, a spread 50 times typical, kill switch engaged);</li>
 *   <li>the guard never releases the kill switch, neither one an operator engaged nor one it
 *       engaged itself, over three days of losses, recoveries, rejections and stop-outs;</li>
 *   <li>{@code onTick} allocates nothing on quiet ticks (HotSpot's per-thread counter);</li>
 *   <li>the same inputs give the same verdicts and the same kill switch states;</li>
 *   <li>in a stepped {@link io.aria.core.TradingPipeline}: an exception from {@code check} means
 *       no order (fail closed) and the pipeline goes on; the gateway sees exactly what the guard
 *       let through;</li>
 *   <li>in a started pipeline every call arrives on the one event-loop thread.</li>
 * </ul>
 * Override the fixtures ({@link #catalog()}, {@link #symbols()}, {@link #newPortfolio()}) when the
 * guard needs other assets or state.
 */
public abstract class RiskGuardContract {

    /** Who engages the kill switch in the kit's operator scenario. */
    protected static final String OPERATOR = "kit-operator";
    private static final long SATURDAY = Instant.parse("2024-01-06T12:00:00Z").toEpochMilli();

    /** @return a new guard with fresh state; each call a new one */
    protected abstract RiskGuard newGuard();

    /** @return the assets (default {@link AssetCatalog#defaults()}) */
    protected AssetCatalog catalog() {
        return AssetCatalog.defaults();
    }

    /** @return the symbols the kit trades: one or more of each asset class by default */
    protected List<String> symbols() {
        return List.of("EURUSD", "USDJPY", "XAUUSD", "USOIL", "US30", "GER40", "BTCUSD");
    }

    /** @return a fresh portfolio: every symbol quoted, 100,000 USD, Wednesday 12:00 UTC, flat */
    protected TestPortfolioView newPortfolio() {
        return TestPortfolioView.withDefaultPrices(catalog());
    }

    /** @return how long a started pipeline may take over the kit's ticks */
    protected Duration timeout() {
        return Duration.ofSeconds(60);
    }

    // ------------------------------------------------------------------ helpers

    private RiskGuard guard() {
        RiskGuard g = newGuard();
        assertNotNull(g, "newGuard() returned null");
        return g;
    }

    private static OrderIntent intent(PortfolioView p, String symbol, Side side, double volume, boolean reducing) {
        double ref = p.lastTick(symbol).map(t -> t.priceFor(side)).orElse(1.0);
        Direction d = reducing ? Direction.FLAT : side == Side.BUY ? Direction.LONG : Direction.SHORT;
        return new OrderIntent(symbol, side, volume, ref, 0, 0, reducing, Decision.of(symbol, p.nowMillis(), d, 0.9),
                reducing ? "kit exit" : "kit entry");
    }

    private static double allowed(Verdict v, OrderIntent intent) {
        if (v instanceof Verdict.Approved) {
            return intent.volume();
        }
        if (v instanceof Verdict.Resized r) {
            return r.volume();
        }
        return 0;
    }

    private Verdict checkOrdinary(RiskGuard g, OrderIntent intent, PortfolioView p, String state) {
        Verdict v;
        try {
            v = g.check(intent, p);
        } catch (RuntimeException e) {
            throw new AssertionError(g.name() + " threw on an ordinary order (" + state + "): " + intent, e);
        }
        assertNotNull(v, () -> g.name() + " returned a null verdict (" + state + ") for " + intent);
        if (v instanceof Verdict.Resized r) {
            assertTrue(r.volume() <= intent.volume() + 1e-12, () -> g.name() + " resized " + intent.volume()
                    + " lots up to " + r.volume() + " (" + state + "); guards may only shrink orders");
        }
        return v;
    }

    private List<double[]> volumes() {
        List<double[]> out = new ArrayList<>();
        for (String s : symbols()) {
            AssetSpec spec = catalog().spec(s);
            out.add(new double[] {spec.volumeMin(), spec.roundVolumeDown(spec.volumeMin() * 10), spec.volumeMax()});
        }
        return out;
    }

    // ------------------------------------------------------------------ verdicts

    @Nested
    @DisplayName("verdicts")
    class Verdicts {

        @Test
        @DisplayName("check never returns null nor throws for ordinary orders, and a resize only shrinks")
        void check_nullFree_onlyShrinks() {
            List<String> states = List.of("flat", "open book", "kill switch engaged", "Saturday", "equity down 99%",
                    "equity below zero", "only the order's symbol quoted");
            for (String state : states) {
                for (int k = 0; k < symbols().size(); k++) {
                    String s = symbols().get(k);
                    for (double volume : volumes().get(k)) {
                        for (Side side : Side.values()) {
                            TestPortfolioView p = portfolioIn(state, s);
                            checkOrdinary(guard(), intent(p, s, side, volume, false), p, state);
                            if (p.netVolume(s) != 0) {
                                Side exit = p.netVolume(s) > 0 ? Side.SELL : Side.BUY;
                                checkOrdinary(guard(), intent(p, s, exit, Math.abs(p.netVolume(s)), true), p, state);
                            }
                        }
                    }
                }
            }
        }

        private TestPortfolioView portfolioIn(String state, String symbol) {
            TestPortfolioView p = state.equals("only the order's symbol quoted") ? new TestPortfolioView(catalog())
                    : newPortfolio();
            if (state.equals("only the order's symbol quoted")) {
                double mid = io.aria.core.source.SyntheticTickSource.defaultStartPrice(symbol);
                p.quote(symbol, Double.isNaN(mid) ? 100 : mid);
            }
            switch (state) {
                case "open book" -> {
                    for (String s : symbols()) {
                        p.position(s, 5 * catalog().spec(s).volumeMin());
                    }
                }
                case "kill switch engaged" -> p.killSwitch().engage(OPERATOR, "kit: engaged before the check");
                case "Saturday" -> p.nowMillis(SATURDAY);
                case "equity down 99%" -> p.startOfDayEquity(100_000).equity(1_000);
                case "equity below zero" -> p.startOfDayEquity(100_000).equity(-5_000);
                default -> {
                }
            }
            return p;
        }

        @Test
        @DisplayName("a reducing order is not blocked where exposure, correlation, the session or the kill switch stop entries")
        void reducingOrders_notBlocked() {
            List<String> states = List.of("book far over every limit", "Saturday", "spread 50 times typical",
                    "kill switch engaged");
            for (String state : states) {
                for (String s : symbols()) {
                    for (Side held : Side.values()) {
                        TestPortfolioView p = newPortfolio();
                        AssetSpec spec = catalog().spec(s);
                        double lots = state.equals("book far over every limit") ? spec.volumeMax()
                                : 3 * spec.volumeMin();
                        if (state.equals("book far over every limit")) {
                            for (String other : symbols()) {
                                p.position(other, held.sign() * catalog().spec(other).volumeMax());
                            }
                        }
                        p.position(s, held.sign() * lots);
                        switch (state) {
                            case "Saturday" -> p.nowMillis(SATURDAY);
                            case "spread 50 times typical" -> {
                                double mid = p.lastTick(s).orElseThrow().mid();
                                double half = 25 * spec.typicalSpread();
                                p.tick(new Tick(s, p.nowMillis(), mid - half, mid + half, 0));
                            }
                            case "kill switch engaged" -> p.killSwitch().engage(OPERATOR, "kit: engaged before the exit");
                            default -> {
                            }
                        }
                        RiskGuard g = guard();
                        OrderIntent exit = intent(p, s, held.opposite(), lots, true);
                        Verdict v = checkOrdinary(g, exit, p, state);
                        assertFalse(v instanceof Verdict.Rejected, () -> g.name() + " blocked a reducing order ("
                                + state + "): " + exit + " -> " + v);
                        assertEquals(lots, allowed(v, exit), 1e-9, () -> g.name() + " shrank a reducing order ("
                                + state + "): " + v);
                    }
                }
            }
        }

        @Test
        @DisplayName("name() says something")
        void name_notBlank() {
            String name = guard().name();
            assertNotNull(name, "name()");
            assertFalse(name.isBlank(), "name() is blank");
        }
    }

    // ------------------------------------------------------------------ kill switch

    /**
     * Three days from Wednesday 12:00 UTC in 7.2-minute steps: every symbol ticks on a smooth
     * wave; equity (with {@code losses}) falls up to 12% and recovers twice a day; every 5th step
     * an order is checked and, if let through, filled (every 4th such order is rejected by the
     * broker instead); every 37th step a stop-loss closes a position.
     *
     * @return every verdict and kill switch state, in order
     */
    private List<Object> drive(RiskGuard g, TestPortfolioView p, boolean losses) {
        List<Object> out = new ArrayList<>();
        List<String> symbols = symbols();
        double[] base = new double[symbols.size()];
        for (int j = 0; j < base.length; j++) {
            base[j] = p.lastTick(symbols.get(j)).map(Tick::mid).orElse(100.0);
        }
        long day = -1;
        int checks = 0;
        long ids = 0;
        for (int k = 0; k < 600; k++) {
            long now = KitSupport.T0 + k * 432_000L;
            p.nowMillis(now);
            double equity = losses ? 100_000 * (1 - 0.12 * Math.pow(Math.sin(k / 25.0), 2)) : 100_000;
            if (now / 86_400_000L != day) {
                day = now / 86_400_000L;
                p.startOfDayEquity(equity);
            }
            p.equity(equity);
            for (int j = 0; j < symbols.size(); j++) {
                String s = symbols.get(j);
                AssetSpec spec = catalog().spec(s);
                double mid = base[j] * (1 + 0.002 * Math.sin(k * 0.3 + j));
                double half = spec.typicalSpread() / 2;
                Tick t = new Tick(s, now, mid - half, mid + half, 1);
                p.tick(t);
                g.onTick(t, p);
            }
            String s = symbols.get(k % symbols.size());
            AssetSpec spec = catalog().spec(s);
            if (k % 5 == 0) {
                double net = p.netVolume(s);
                boolean reducing = net != 0 && k % 3 == 0;
                Side side = reducing ? (net > 0 ? Side.SELL : Side.BUY) : (k % 2 == 0 ? Side.BUY : Side.SELL);
                double volume = reducing ? Math.abs(net) : spec.roundVolumeDown(spec.volumeMin() * (1 + k % 7));
                OrderIntent intent = intent(p, s, side, volume, reducing);
                Verdict v = checkOrdinary(g, intent, p, "step " + k);
                out.add(v);
                double lots = allowed(v, intent);
                if (lots > 0) {
                    String id = "kit-" + (++ids);
                    OrderRequest req = OrderRequest.market(id, s, side, lots, intent.referencePrice());
                    ExecutionReport r;
                    if (++checks % 4 == 0) {
                        r = ExecutionReport.notFilled(req, ExecutionStatus.REJECTED, TradeReturnCode.REJECT,
                                "kit: rejected", 1000, now);
                    } else {
                        p.position(s, p.netVolume(s) + side.sign() * lots);
                        r = new ExecutionReport(id, s, side, ExecutionStatus.FILLED, ids, ids, ids, lots, lots,
                                intent.referencePrice(), intent.referencePrice(), 0, 1000, TradeReturnCode.DONE,
                                "done", now);
                    }
                    g.onExecution(r, p);
                }
            }
            if (k % 37 == 0 && p.netVolume(s) != 0) {
                double net = p.netVolume(s);
                p.position(s, 0);
                Side closing = net > 0 ? Side.SELL : Side.BUY;
                g.onTradeEvent(new TradeEvent(TradeEvent.Kind.STOP_LOSS, s, ids, ++ids, closing, Math.abs(net),
                        p.lastTick(s).orElseThrow().priceFor(closing), -50, "kit-sl", now), p);
            }
            out.add(p.killSwitch().state());
        }
        return out;
    }

    @Nested
    @DisplayName("the kill switch")
    class KillSwitchRules {

        @Test
        @DisplayName("an operator's kill switch stays engaged whatever the guard sees")
        void operatorsSwitch_staysEngaged() {
            TestPortfolioView p = newPortfolio();
            KillSwitch ks = p.killSwitch();
            ks.engage(OPERATOR, "kit: engaged by the operator");
            List<KillSwitch.State> changes = new CopyOnWriteArrayList<>();
            ks.addListener(changes::add);
            RiskGuard g = guard();
            drive(g, p, true);
            assertTrue(ks.isEngaged(), () -> g.name() + " released the operator's kill switch: " + ks.state());
            assertEquals(OPERATOR, ks.state().by(), "the operator's state was replaced");
            assertTrue(changes.isEmpty(), () -> g.name() + " changed an engaged kill switch: " + changes);
        }

        @Test
        @DisplayName("a guard never releases a kill switch, not even one it engaged itself")
        void ownSwitch_neverReleased() {
            TestPortfolioView p = newPortfolio();
            List<KillSwitch.State> changes = new CopyOnWriteArrayList<>();
            p.killSwitch().addListener(changes::add);
            RiskGuard g = guard();
            drive(g, p, true);
            for (KillSwitch.State s : changes) {
                assertTrue(s.engaged(), () -> g.name() + " released the kill switch: " + changes);
            }
        }
    }

    // ------------------------------------------------------------------ allocation, determinism

    @Test
    @DisplayName("onTick allocates nothing on quiet ticks once warm")
    void onTick_allocationFree() {
        Allocations.counter();
        List<Tick> list = KitSupport.synthetic(catalog(), symbols(), 7, Duration.ofMillis(500), 60_000);
        Tick[] ticks = list.toArray(new Tick[0]);
        int warm = ticks.length / 2;
        // the least of three runs: a guard that allocates does so every time, the JIT only at first
        long least = Long.MAX_VALUE;
        String name = "";
        for (int run = 0; run < 3 && least > 0; run++) {
            RiskGuard g = guard();
            name = g.name();
            TestPortfolioView p = newPortfolio();
            for (int i = 0; i < warm; i++) {
                quietTick(g, p, ticks[i]);
            }
            least = Math.min(least, Allocations.allocatedBy(() -> {
                for (int i = warm; i < ticks.length; i++) {
                    quietTick(g, p, ticks[i]);
                }
            }));
        }
        long bytes = least;
        String guardName = name;
        assertTrue(bytes < 1_024, () -> guardName + ".onTick allocated " + bytes + " bytes over "
                + (ticks.length - warm) + " quiet ticks (the least of three runs)");
    }

    private static void quietTick(RiskGuard g, TestPortfolioView p, Tick t) {
        p.tick(t);
        p.nowMillis(t.epochMillis());
        g.onTick(t, p);
    }

    @Test
    @DisplayName("the same inputs give the same verdicts and kill switch states")
    void deterministic() {
        List<Object> first = drive(guard(), newPortfolio(), true);
        List<Object> second = drive(guard(), newPortfolio(), true);
        assertEquals(first.size(), second.size(), "outputs");
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i), second.get(i), "output " + i + " differs between two runs of the same inputs");
        }
    }

    // ------------------------------------------------------------------ in a pipeline

    /** Delegates, recording the threads, the checks and their verdicts; optionally throws after check. */
    private static final class Probe implements RiskGuard {
        final RiskGuard delegate;
        final boolean throwAfterCheck;
        final KitSupport.Threads threads = new KitSupport.Threads();
        final List<OrderIntent> intents = new CopyOnWriteArrayList<>();
        final List<Verdict> verdicts = new CopyOnWriteArrayList<>();

        Probe(RiskGuard delegate, boolean throwAfterCheck) {
            this.delegate = delegate;
            this.throwAfterCheck = throwAfterCheck;
        }

        @Override
        public Verdict check(OrderIntent intent, PortfolioView portfolio) {
            threads.mark("check");
            Verdict v = delegate.check(intent, portfolio);
            intents.add(intent);
            verdicts.add(v);
            if (throwAfterCheck) {
                throw new IllegalStateException("kit: " + delegate.name() + " made to throw after its check");
            }
            return v;
        }

        @Override
        public void onTick(Tick tick, PortfolioView portfolio) {
            threads.mark("onTick");
            delegate.onTick(tick, portfolio);
        }

        @Override
        public void onExecution(ExecutionReport report, PortfolioView portfolio) {
            threads.mark("onExecution");
            delegate.onExecution(report, portfolio);
        }

        @Override
        public void onTradeEvent(TradeEvent event, PortfolioView portfolio) {
            threads.mark("onTradeEvent");
            delegate.onTradeEvent(event, portfolio);
        }

        @Override
        public String name() {
            return delegate.name();
        }
    }

    private List<Tick> pipelineTicks() {
        return KitSupport.synthetic(catalog(), symbols(), 11, Duration.ofSeconds(1), 3_000);
    }

    private KitSupport.Stepped stepped(Probe probe) {
        KitSupport.Stepped s = new KitSupport.Stepped(catalog());
        s.builder.ensemble(new KitSupport.CyclingEnsemble(15, (sym, d, t) ->
                KitSupport.decision(sym, d, t, catalog().spec(sym)))).sizer(KitSupport.minimumSizer(2)).riskGuard(probe);
        return s;
    }

    @Nested
    @DisplayName("in a pipeline")
    class InAPipeline {

        @Test
        @DisplayName("an exception from check means no order, and the pipeline goes on")
        void exception_meansNoTrade() {
            Probe probe = new Probe(guard(), true);
            List<Tick> ticks = pipelineTicks();
            KitSupport.Stepped s = stepped(probe).run(ticks);
            PipelineCounters c = s.pipeline.snapshot().counters();
            assertFalse(probe.intents.isEmpty(), "the kit's pipeline asked the guard nothing");
            assertTrue(s.gateway.submitted.isEmpty(), () -> "orders reached the gateway although the guard threw: "
                    + s.gateway.submitted);
            List<AuditRecord.OrderBlocked> blocked = s.audit.of(AuditRecord.OrderBlocked.class);
            // blocked intents are written once per symbol, reason and episode; the counter counts each
            assertEquals(probe.intents.size(), c.ordersBlocked(), "every order the guard failed on is blocked");
            assertFalse(blocked.isEmpty(), "the blocked orders are audited");
            blocked.forEach(b -> assertEquals("GUARD_ERROR", b.verdict().code(), () -> "blocked with " + b.verdict()));
            assertEquals(ticks.size(), c.ticksAccepted(), "the pipeline went on with every tick");
            assertTrue(c.componentErrors() >= probe.intents.size(), "each failure counted: " + c);
        }

        @Test
        @DisplayName("the gateway sees exactly what the guard let through")
        void gatewaySeesWhatTheGuardAllowed() {
            Probe probe = new Probe(guard(), false);
            KitSupport.Stepped s = stepped(probe).run(pipelineTicks());
            assertFalse(probe.intents.isEmpty(), "the kit's pipeline asked the guard nothing");
            List<OrderRequest> sent = s.gateway.submitted;
            int next = 0;
            for (int i = 0; i < probe.intents.size(); i++) {
                OrderIntent in = probe.intents.get(i);
                double lots = allowed(probe.verdicts.get(i), in);
                if (lots == 0) {
                    continue;
                }
                assertTrue(next < sent.size(), "an order the guard let through never reached the gateway: " + in);
                OrderRequest r = sent.get(next++);
                assertEquals(in.symbol(), r.symbol(), "symbol");
                assertEquals(in.side(), r.side(), "side");
                assertEquals(lots, r.volume(), 1e-12, () -> "volume of " + r + " after " + probe.verdicts);
            }
            assertEquals(next, sent.size(), "the gateway saw orders the guard did not let through");
        }

        @Test
        @DisplayName("a started pipeline calls the guard on its one event-loop thread")
        void startedPipeline_oneThread() throws InterruptedException {
            Probe probe = new Probe(guard(), false);
            KitSupport.Stepped s = stepped(probe);
            KitSupport.runStarted(s.builder, pipelineTicks(), timeout());
            assertTrue(probe.threads.calls.getOrDefault("onTick", 0) > 0, "onTick was never called");
            assertTrue(probe.threads.calls.getOrDefault("check", 0) > 0, "check was never called");
            probe.threads.assertOneLoopThread(probe.name());
        }
    }
}
