package io.aria.core;

import io.aria.core.paper.PaperBroker;
import io.aria.core.spi.OrderGateway;
import io.aria.core.spi.PositionSizer;
import io.aria.core.spi.RiskGuard;
import io.aria.core.spi.TradeEventListener;
import io.aria.core.testing.RecordingAudit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import org.junit.jupiter.api.Assertions;

/**
 * Random books (netting and hedging, several positions a symbol, both sides), random decisions,
 * and a sizer that lies at random about which orders reduce (any symbol, side and volume, mostly
 * claiming to reduce), with a guard that approves everything: while the kill switch is engaged,
 * every order that reaches the broker closes part of an open opposite position, no larger than
 * it, and no (symbol, side) of the book ever grows.
 */
class KillSwitchProperties {

    private static final long T0 = Instant.parse("2024-01-03T12:00:00Z").toEpochMilli();
    private static final String[] SYMBOLS = {"EURUSD", "USDJPY", "XAUUSD"};
    private static final double[] START = {1.1, 150.0, 2000};
    private static final AssetCatalog CATALOG = AssetCatalog.defaults();

    /** Checks each order against the broker's book at the moment it arrives. */
    static final class CheckingGateway implements OrderGateway {
        final PaperBroker broker;
        final List<String> violations = new ArrayList<>();
        int sent;

        CheckingGateway(PaperBroker broker) {
            this.broker = broker;
        }

        @Override
        public CompletionStage<ExecutionReport> submit(OrderRequest r) {
            sent++;
            Position target = broker.positions().stream().filter(p -> p.ticket() == r.positionTicket()).findFirst()
                    .orElse(null);
            if (r.positionTicket() == 0 || target == null || !target.symbol().equals(r.symbol())
                    || target.side() != r.side().opposite() || r.volume() > target.volume() + 1e-9) {
                violations.add(r + " against " + broker.positions());
            }
            Map<String, Double> before = gross(broker.positions());
            CompletionStage<ExecutionReport> stage = broker.submit(r);
            Map<String, Double> after = gross(broker.positions());
            after.forEach((k, v) -> {
                if (v > before.getOrDefault(k, 0.0) + 1e-9) {
                    violations.add(k + " grew from " + before.get(k) + " to " + v + " with " + r);
                }
            });
            return stage;
        }

        @Override
        public void onTick(Tick tick) {
            broker.onTick(tick);
        }

        @Override
        public void setTradeEventListener(TradeEventListener listener) {
            broker.setTradeEventListener(listener);
        }

        @Override
        public List<Position> positions() {
            return broker.positions();
        }

        @Override
        public AccountSnapshot account() {
            return broker.account();
        }
    }

    static Map<String, Double> gross(List<Position> ps) {
        Map<String, Double> m = new HashMap<>();
        for (Position p : ps) {
            m.merge(p.symbol() + " " + p.side(), p.volume(), Double::sum);
        }
        return m;
    }

    @Property(tries = 40, shrinking = ShrinkingMode.OFF)
    @Label("while engaged, no order that increases exposure leaves, whatever the sizer claims")
    void noExposureIncreasingOrderLeavesWhileEngaged(@ForAll long seed, @ForAll boolean hedging) {
        Random rnd = new Random(seed);
        PaperBroker broker = PaperBroker.builder().mode(hedging ? AccountMode.HEDGING : AccountMode.NETTING)
                .startingBalance(1_000_000).build();
        double[] mid = START.clone();
        long t = T0;
        // a random book: several orders per symbol, both sides
        for (int k = 0; k < 2 + rnd.nextInt(8); k++) {
            int s = rnd.nextInt(SYMBOLS.length);
            Tick tick = tick(s, mid, t++);
            broker.onTick(tick);
            Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
            double lots = 0.01 * (1 + rnd.nextInt(300));
            broker.submit(OrderRequest.market("seed-" + k, SYMBOLS[s], side, lots, tick.priceFor(side)));
        }
        CheckingGateway gateway = new CheckingGateway(broker);
        PositionSizer liar = (d, view) -> {
            int s = rnd.nextInt(SYMBOLS.length);
            Tick last = view.lastTick(SYMBOLS[s]).orElse(null);
            if (last == null) {
                return Optional.empty();
            }
            Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
            double lots = 0.01 * (1 + rnd.nextInt(500));
            return Optional.of(new OrderIntent(SYMBOLS[s], side, lots, last.priceFor(side), 0, 0, rnd.nextInt(10) < 8,
                    d, "lying sizer"));
        };
        Direction[] directions = Direction.values();
        TradingPipeline p = TradingPipeline.builder().ensemble((tick, out) -> {
            if (rnd.nextInt(3) == 0) {
                out.accept(Decision.of(tick.symbol(), tick.epochMillis(), directions[rnd.nextInt(directions.length)],
                        0.7));
            }
        }).sizer(liar).riskGuard(RiskGuard.allowAll()).gateway(gateway).auditSink(new RecordingAudit()).build();
        p.engageKillSwitch("property", "engaged for the whole run");
        Map<String, Double> start = gross(broker.positions());
        for (int step = 0; step < 300; step++) {
            int s = rnd.nextInt(SYMBOLS.length);
            p.step(tick(s, mid, t + step * 1000L));
        }
        Assertions.assertEquals(List.of(), gateway.violations.subList(0, Math.min(3, gateway.violations.size())));
        gross(broker.positions()).forEach((k, v) -> Assertions.assertTrue(v <= start.getOrDefault(k, 0.0) + 1e-9,
                k + " grew from " + start.get(k) + " to " + v));
    }

    private static Tick tick(int s, double[] mid, long t) {
        AssetSpec spec = CATALOG.spec(SYMBOLS[s]);
        double bid = spec.normalizePrice(mid[s]);
        return new Tick(SYMBOLS[s], t, bid, spec.normalizePrice(bid + spec.typicalSpread()), 1);
    }
}
