package io.aria.core.paper;

import io.aria.core.AccountMode;
import io.aria.core.AccountSnapshot;
import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.OrderRequest;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

/** A seeded random market and random orders through a paper broker, with the book's invariants checked after every step. */
class PaperBrokerProperties {

    private static final long WED = Instant.parse("2024-01-03T12:00:00Z").toEpochMilli();
    private static final String[] SYMBOLS = {"EURUSD", "USDJPY", "US30", "BTCUSD"};
    private static final double[] START = {1.1, 150.0, 37_000, 40_000};
    private static final AssetCatalog CATALOG = AssetCatalog.defaults();

    @Property(tries = 30, shrinking = ShrinkingMode.OFF)
    @Label("random ticks and orders keep the account identities, tickets increasing and netting one position per symbol")
    void randomRun_keepsInvariants(@ForAll long seed, @ForAll boolean hedging) {
        Random rnd = new Random(seed);
        PaperBroker b = PaperBroker.builder().mode(hedging ? AccountMode.HEDGING : AccountMode.NETTING)
                .startingBalance(20_000).commissionPerLot(1)
                .fillModel(FillModel.builder().slippage(SlippageModel.randomPoints(5, seed))
                        .partialFill(PartialFillModel.random(0.2, seed)).latency(LatencyModel.random(0, 300, seed))
                        .build())
                .build();
        List<TradeEvent> events = new ArrayList<>();
        b.setTradeEventListener(events::add);
        List<Long> orderTickets = new ArrayList<>();
        double[] mid = START.clone();
        long lastDeal = 0;
        for (int step = 0; step < 400; step++) {
            int s = rnd.nextInt(SYMBOLS.length);
            mid[s] *= 1 + rnd.nextGaussian() * 0.002;
            AssetSpec spec = CATALOG.spec(SYMBOLS[s]);
            double bid = spec.normalizePrice(mid[s]);
            Tick t = new Tick(SYMBOLS[s], WED + step * 100L, bid, spec.normalizePrice(bid + spec.typicalSpread()), 1);
            b.onTick(t);
            if (rnd.nextInt(4) == 0) {
                b.submit(randomOrder(rnd, b, hedging, spec, t, "o" + step)).thenAccept(rep -> {
                    if (rep.status().isFill()) {
                        orderTickets.add(rep.orderTicket());
                    }
                });
            }
            check(b, hedging, step);
            for (TradeEvent e : events) {
                if (e.dealTicket() <= lastDeal) {
                    throw new AssertionError("deal tickets must increase, " + e.dealTicket() + " after " + lastDeal);
                }
                lastDeal = e.dealTicket();
            }
            events.clear();
        }
        if (orderTickets.size() < 10) {
            throw new AssertionError("the run should fill orders, filled " + orderTickets.size());
        }
        for (int i = 1; i < orderTickets.size(); i++) {
            if (orderTickets.get(i) <= orderTickets.get(i - 1)) {
                throw new AssertionError("order tickets must increase in fill order: " + orderTickets);
            }
        }
        b.close();
    }

    private static OrderRequest randomOrder(Random rnd, PaperBroker b, boolean hedging, AssetSpec spec, Tick t,
            String id) {
        List<Position> open = b.positions();
        if (hedging && rnd.nextBoolean() && !open.isEmpty()) {
            Position p = open.get(rnd.nextInt(open.size()));
            return OrderRequest.market(id, p.symbol(), p.side().opposite(), p.volume(), p.currentPrice())
                    .closing(p.ticket());
        }
        Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
        double lots = spec.roundVolumeDown(spec.volumeMin() * (1 + rnd.nextInt(20)));
        double stop = rnd.nextBoolean() ? t.priceFor(side) * (1 - side.sign() * 0.003) : 0;
        return OrderRequest.market(id, t.symbol(), side, lots, t.priceFor(side)).withStops(stop, 0);
    }

    private static void check(PaperBroker b, boolean hedging, int step) {
        AccountSnapshot a = b.account();
        List<Position> ps = b.positions();
        double unrealised = ps.stream().mapToDouble(Position::profit).sum();
        if (Math.abs(a.balance() + unrealised - a.equity()) > 1e-6 * Math.max(1, Math.abs(a.equity()))) {
            throw new AssertionError("step " + step + ": equity " + a.equity() + " != balance + profit " + a);
        }
        if (Math.abs(a.equity() - a.margin() - a.freeMargin()) > 1e-6) {
            throw new AssertionError("step " + step + ": free margin " + a);
        }
        if (a.margin() > 0 && a.marginLevelPercent() <= 50 - 1e-9) {
            throw new AssertionError("step " + step + ": margin level below stop-out survived " + a);
        }
        if (!hedging && ps.stream().map(Position::symbol).distinct().count() != ps.size()) {
            throw new AssertionError("step " + step + ": netting holds two positions of a symbol " + ps);
        }
    }
}
