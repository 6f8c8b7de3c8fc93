package io.aria.core.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.OrderIntent;
import io.aria.core.OrderRequest;
import io.aria.core.PipelineCounters;
import io.aria.core.Tick;
import io.aria.core.spi.PortfolioView;
import io.aria.core.spi.PositionSizer;
import io.aria.core.spi.RiskGuard;
import io.aria.core.testing.TestPortfolioView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PositionSizer} must do. Extend this class and implement {@link #newSizer()}:
 *
 * <pre>{@code
 * class MySizerTest extends PositionSizerContract {
 *     @Override protected PositionSizer newSizer() { return new MySizer(0.01); }
 * }
 * }</pre>
 *
 * <p>The kit asks the sizer about LONG and SHORT decisions for flat symbols (the only ones the
 * pipeline asks about) on a {@link TestPortfolioView}, and checks:
 * <ul>
 *   <li>the answer is never null; an intent answers that decision: its symbol, the entry side
 *       (BUY for LONG, SELL for SHORT), not reducing, the decision itself attached, a volume the
 *       broker accepts (within the asset's minimum and maximum, on its step) and the current
 *       quote as reference price (ask for buys, bid for sells);</li>
 *   <li>the same holds, without a throw, when equity is zero or below, on a Saturday and with the
 *       kill switch engaged;</li>
 *   <li>the fixture gets at least one trade (otherwise every other check would be empty);</li>
 *   <li>the same decisions on the same state give the same intents;</li>
 *   <li>in a stepped {@link io.aria.core.TradingPipeline}: an exception from the sizer means no
 *       order (fail closed) and the pipeline goes on; every intent reaches the gateway as sized
 *       when the guards approve;</li>
 *   <li>in a started pipeline every call arrives on the one event-loop thread.</li>
 * </ul>
 * The kit's decisions come from {@link #decision} (confidence 0.5 to 1, and an {@code "atr"}
 * indicator of 20 typical spreads for sizers that take their stop from it); override it and the
 * other fixtures when the sizer needs more.
 */
public abstract class PositionSizerContract {

    /** @return a new sizer with fresh state; each call a new one */
    protected abstract PositionSizer newSizer();

    /** @return the assets (default {@link AssetCatalog#defaults()}) */
    protected AssetCatalog catalog() {
        return AssetCatalog.defaults();
    }

    /** @return the symbols the kit sizes for: one or more of each asset class by default */
    protected List<String> symbols() {
        return List.of("EURUSD", "USDJPY", "EURGBP", "XAUUSD", "USOIL", "US30", "GER40", "BTCUSD", "ADAUSD");
    }

    /** @return a fresh portfolio: every symbol quoted, 100,000 USD, Wednesday 12:00 UTC, flat */
    protected TestPortfolioView newPortfolio() {
        return TestPortfolioView.withDefaultPrices(catalog());
    }

    /**
     * @param symbol      catalog symbol
     * @param direction   LONG or SHORT
     * @param confidence  in [0.5, 1]
     * @param epochMillis time
     * @return the decision the kit asks about
     */
    protected Decision decision(String symbol, Direction direction, double confidence, long epochMillis) {
        AssetSpec spec = catalog().spec(symbol);
        return new Decision(symbol, epochMillis, direction, confidence, direction.sign() * confidence,
                io.aria.core.Regime.TREND, List.of(), java.util.Map.of("atr", 20 * spec.typicalSpread()));
    }

    /** @return how long a started pipeline may take over the kit's ticks */
    protected Duration timeout() {
        return Duration.ofSeconds(60);
    }

    private PositionSizer sizer() {
        PositionSizer s = newSizer();
        assertNotNull(s, "newSizer() returned null");
        return s;
    }

    private List<Decision> decisions(PortfolioView p) {
        List<Decision> out = new ArrayList<>();
        for (String s : symbols()) {
            for (Direction d : List.of(Direction.LONG, Direction.SHORT)) {
                for (double c : new double[] {0.5, 0.75, 0.9, 1.0}) {
                    out.add(decision(s, d, c, p.nowMillis()));
                }
            }
        }
        return out;
    }

    @Nested
    @DisplayName("intents")
    class Intents {

        @Test
        @DisplayName("never null; an intent answers its decision with a volume and price the broker accepts")
        void intents_wellFormed() {
            TestPortfolioView p = newPortfolio();
            int trades = sizeAll(sizer(), p, "the kit's portfolio");
            assertTrue(trades > 0, "the sizer traded none of the kit's " + decisions(p).size()
                    + " decisions: override decision() or newPortfolio() so it has something to size");
        }

        @Test
        @DisplayName("never null nor throws, and stays well-formed, when equity is gone, the week-end came or the kill switch is on")
        void hardStates_wellFormed() {
            for (String state : List.of("equity zero", "equity below zero", "Saturday", "kill switch engaged")) {
                TestPortfolioView p = newPortfolio();
                switch (state) {
                    case "equity zero" -> p.equity(0);
                    case "equity below zero" -> p.equity(-5_000);
                    case "Saturday" -> p.nowMillis(java.time.Instant.parse("2024-01-06T12:00:00Z").toEpochMilli());
                    default -> p.killSwitch().engage("kit-operator", "kit: engaged before sizing");
                }
                sizeAll(sizer(), p, state);
            }
        }

        private int sizeAll(PositionSizer sizer, TestPortfolioView p, String state) {
            int trades = 0;
            for (Decision d : decisions(p)) {
                Optional<OrderIntent> answer;
                try {
                    answer = sizer.size(d, p);
                } catch (RuntimeException e) {
                    throw new AssertionError("the sizer threw (" + state + ") on the decision " + d, e);
                }
                assertNotNull(answer, () -> "the sizer returned null, not Optional.empty(), (" + state + ") for " + d);
                if (answer.isEmpty()) {
                    continue;
                }
                trades++;
                OrderIntent in = answer.get();
                AssetSpec spec = catalog().spec(d.symbol());
                Tick quote = p.lastTick(d.symbol()).orElseThrow();
                String what = in + " for " + d + " (" + state + ")";
                assertEquals(d.symbol(), in.symbol(), () -> "symbol of " + what);
                assertEquals(d.direction().entrySide(), in.side(), () -> "side of " + what);
                assertFalse(in.reducing(), () -> "an entry flagged reducing: " + what);
                assertSame(d, in.decision(), () -> "the intent must carry its decision: " + what);
                assertTrue(in.volume() >= spec.volumeMin() - 1e-9 && in.volume() <= spec.volumeMax() + 1e-9,
                        () -> "volume outside [" + spec.volumeMin() + ", " + spec.volumeMax() + "]: " + what);
                double steps = in.volume() / spec.volumeStep();
                assertEquals(Math.rint(steps), steps, 1e-6, () -> "volume off the step " + spec.volumeStep() + ": " + what);
                assertEquals(quote.priceFor(in.side()), in.referencePrice(), 1e-9 * quote.ask(),
                        () -> "reference price is not the current " + (in.side().sign() > 0 ? "ask" : "bid") + ": " + what);
            }
            return trades;
        }

        @Test
        @DisplayName("the same decisions on the same state give the same intents")
        void deterministic() {
            TestPortfolioView p1 = newPortfolio();
            TestPortfolioView p2 = newPortfolio();
            PositionSizer a = sizer();
            PositionSizer b = sizer();
            List<Decision> ds = decisions(p1);
            for (int round = 0; round < 3; round++) {
                for (Decision d : ds) {
                    assertEquals(a.size(d, p1), b.size(d, p2), "two sizers answered " + d + " differently");
                }
            }
        }
    }

    /** Delegates, recording threads and intents; optionally throws after sizing. */
    private static final class Probe implements PositionSizer {
        final PositionSizer delegate;
        final boolean throwAfter;
        final KitSupport.Threads threads = new KitSupport.Threads();
        final List<OrderIntent> intents = new CopyOnWriteArrayList<>();
        volatile int calls;

        Probe(PositionSizer delegate, boolean throwAfter) {
            this.delegate = delegate;
            this.throwAfter = throwAfter;
        }

        @Override
        public Optional<OrderIntent> size(Decision decision, PortfolioView portfolio) {
            threads.mark("size");
            calls++;
            Optional<OrderIntent> o = delegate.size(decision, portfolio);
            o.ifPresent(intents::add);
            if (throwAfter) {
                throw new IllegalStateException("kit: the sizer made to throw after sizing");
            }
            return o;
        }
    }

    private List<Tick> pipelineTicks() {
        return KitSupport.synthetic(catalog(), symbols(), 13, Duration.ofSeconds(1), 3_000);
    }

    private KitSupport.Stepped stepped(Probe probe) {
        KitSupport.Stepped s = new KitSupport.Stepped(catalog());
        s.builder.ensemble(new KitSupport.CyclingEnsemble(15, (sym, d, t) -> decision(sym, d, 0.9, t)))
                .sizer(probe).riskGuard(RiskGuard.allowAll());
        return s;
    }

    @Nested
    @DisplayName("in a pipeline")
    class InAPipeline {

        @Test
        @DisplayName("an exception from the sizer means no order, and the pipeline goes on")
        void exception_meansNoTrade() {
            Probe probe = new Probe(sizer(), true);
            List<Tick> ticks = pipelineTicks();
            KitSupport.Stepped s = stepped(probe).run(ticks);
            PipelineCounters c = s.pipeline.snapshot().counters();
            assertFalse(probe.intents.isEmpty(), "the sizer sized nothing in the kit's pipeline");
            assertTrue(s.gateway.submitted.isEmpty(), () -> "orders reached the gateway although the sizer threw: "
                    + s.gateway.submitted);
            assertEquals(ticks.size(), c.ticksAccepted(), "the pipeline went on with every tick");
            assertTrue(c.componentErrors() >= probe.calls, "each failure counted: " + c);
        }

        @Test
        @DisplayName("with guards that approve, every intent reaches the gateway as sized")
        void intentsReachTheGateway() {
            Probe probe = new Probe(sizer(), false);
            KitSupport.Stepped s = stepped(probe).run(pipelineTicks());
            assertFalse(probe.intents.isEmpty(), "the sizer sized nothing in the kit's pipeline");
            List<OrderRequest> entries = s.gateway.submitted.stream().filter(r -> r.positionTicket() == 0).toList();
            assertEquals(probe.intents.size(), entries.size(), () -> "entries sent " + entries + " for " + probe.intents);
            for (int i = 0; i < entries.size(); i++) {
                OrderIntent in = probe.intents.get(i);
                OrderRequest r = entries.get(i);
                assertEquals(in.symbol(), r.symbol(), "symbol");
                assertEquals(in.side(), r.side(), "side");
                assertEquals(in.volume(), r.volume(), 0, "volume");
                assertEquals(in.stopLoss(), r.stopLoss(), 0, "stopLoss");
                assertEquals(in.takeProfit(), r.takeProfit(), 0, "takeProfit");
            }
        }

        @Test
        @DisplayName("a started pipeline calls the sizer on its one event-loop thread")
        void startedPipeline_oneThread() throws InterruptedException {
            Probe probe = new Probe(sizer(), false);
            KitSupport.runStarted(stepped(probe).builder, pipelineTicks(), timeout());
            assertTrue(probe.calls > 0, "the sizer was never called");
            probe.threads.assertOneLoopThread("the sizer");
        }
    }
}
