package io.aria.core.paper;

import io.aria.core.AccountMode;
import io.aria.core.AccountSnapshot;
import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.OrderRequest;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.Tick;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/**
 * Random order and tick sequences straight into the account (both modes, slippage, partial
 * fills, commission, stops, closes by ticket that may ask for too much, balances small enough to
 * be stopped out), with its identities checked after every step. The deals are replayed into a
 * book of their own, so every deal must account for the change it made.
 */
class SimulatedAccountProperties {

    private static final long WED = Instant.parse("2024-01-03T12:00:00Z").toEpochMilli();
    private static final String[] SYMBOLS = {"EURUSD", "USDJPY", "GBPUSD"};
    private static final double[] START = {1.1, 150.0, 1.27};
    private static final AssetCatalog CATALOG = AssetCatalog.defaults();
    private static final double MONEY = 1e-6;
    private static final double LOTS = 1e-8;
    private static final double COMMISSION = 1.5;

    @Property(tries = 60, shrinking = ShrinkingMode.OFF)
    @Label("margin and equity identities hold, netting never holds two positions per symbol, a close never exceeds the position")
    void randomRun_keepsTheBook(@ForAll long seed, @ForAll boolean hedging, @ForAll @IntRange(min = 2, max = 60) int balanceThousands) {
        Random rnd = new Random(seed);
        double start = balanceThousands * 1000.0;
        SimulatedAccount a = SimulatedAccount.builder().mode(hedging ? AccountMode.HEDGING : AccountMode.NETTING)
                .startingBalance(start).commissionPerLot(COMMISSION)
                .fillModel(FillModel.builder().slippage(SlippageModel.randomPoints(4, seed))
                        .partialFill(PartialFillModel.random(0.2, seed)).build())
                .build();
        List<Deal> deals = new ArrayList<>();
        a.setDealListener(deals::add);
        Map<Long, Double> replayed = new HashMap<>(); // position identifier -> lots, from the deals alone
        double[] mid = START.clone();
        double realised = 0;
        double commission = 0;
        long lastTicket = 0;
        Map<String, Integer> seen = new HashMap<>();
        for (int step = 0; step < 300; step++) {
            long now = WED + step * 500L;
            int s = rnd.nextInt(SYMBOLS.length);
            mid[s] *= 1 + rnd.nextGaussian() * 0.003;
            AssetSpec spec = CATALOG.spec(SYMBOLS[s]);
            double bid = spec.normalizePrice(mid[s]);
            Tick t = new Tick(SYMBOLS[s], now, bid, spec.normalizePrice(bid + spec.typicalSpread()), 1);
            a.onTick(t);
            checkStoppedOutEnough(a, step);
            if (rnd.nextInt(3) == 0) {
                a.submit(randomOrder(rnd, a, hedging, spec, t, "o" + step), now, 0);
            }
            for (Deal d : deals) {
                if (d.ticket() <= lastTicket) {
                    throw new AssertionError("deal tickets must increase: " + d.ticket() + " after " + lastTicket);
                }
                lastTicket = d.ticket();
                replay(replayed, d);
                seen.merge(d.entry() == Deal.Entry.INOUT ? "reversal" : d.reason().name(), 1, Integer::sum);
                realised += d.profit();
                commission += d.commission();
            }
            deals.clear();
            check(a, hedging, replayed, start + realised - commission, step);
        }
        Statistics.label("stop-outs").collect(seen.containsKey("STOP_OUT"));
        Statistics.label("stops hit").collect(seen.containsKey("STOP_LOSS") || seen.containsKey("TAKE_PROFIT"));
        Statistics.label("netting reversals").collect(seen.containsKey("reversal"));
    }

    private static OrderRequest randomOrder(Random rnd, SimulatedAccount a, boolean hedging, AssetSpec spec, Tick t,
            String id) {
        Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
        double lots = spec.volumeMin() * (1 + rnd.nextInt(150));
        List<Position> open = a.positions();
        if (hedging && !open.isEmpty() && rnd.nextInt(3) == 0) {
            Position p = open.get(rnd.nextInt(open.size()));
            // sometimes more than the position holds: the account must refuse it, never over-close
            double asked = rnd.nextInt(4) == 0 ? p.volume() + spec.volumeStep() : Math.min(lots, p.volume());
            Tick q = a.lastTick(p.symbol());
            Side close = p.side().opposite();
            return OrderRequest.market(id, p.symbol(), close, SimulatedAccount.lots(asked), q.priceFor(close))
                    .closing(p.ticket());
        }
        OrderRequest r = OrderRequest.market(id, t.symbol(), side, lots, t.priceFor(side));
        if (rnd.nextBoolean()) {
            double d = spec.point() * (20 + rnd.nextInt(300));
            r = side == Side.BUY ? r.withStops(spec.normalizePrice(t.bid() - d), spec.normalizePrice(t.bid() + d))
                    : r.withStops(spec.normalizePrice(t.ask() + d), spec.normalizePrice(t.ask() - d));
        }
        return r;
    }

    /** Applies a deal to a book of lots per position identifier, checking it is one the position allowed. */
    private static void replay(Map<Long, Double> book, Deal d) {
        double before = book.getOrDefault(d.positionId(), 0.0);
        double after;
        switch (d.entry()) {
            case IN -> after = before + d.volume();
            case OUT -> {
                if (d.volume() > before + LOTS) {
                    throw new AssertionError("a close of " + d.volume() + " lots exceeds the position's " + before
                            + ": " + d);
                }
                after = before - d.volume();
            }
            case INOUT -> {
                if (!(d.volume() > before + LOTS)) {
                    throw new AssertionError("a reversal must exceed the position's " + before + " lots: " + d);
                }
                after = d.volume() - before;
            }
            default -> throw new AssertionError(d.entry());
        }
        if (Math.abs(after - d.volumeAfter()) > LOTS) {
            throw new AssertionError("deal says " + d.volumeAfter() + " lots left, the replay " + after + ": " + d);
        }
        if (after <= LOTS) {
            book.remove(d.positionId());
        } else {
            book.put(d.positionId(), after);
        }
    }

    private static void checkStoppedOutEnough(SimulatedAccount a, int step) {
        if (a.hasPositions() && a.margin() > 0 && a.equity() / a.margin() * 100 <= a.stopOutLevelPercent()) {
            throw new AssertionError("step " + step + ": margin level " + a.equity() / a.margin() * 100
                    + "% left at or below the stop-out level with " + a.positions());
        }
    }

    private static void check(SimulatedAccount a, boolean hedging, Map<Long, Double> replayed, double balance,
            int step) {
        AccountSnapshot s = a.snapshot(0);
        List<Position> ps = a.positions();
        double profit = ps.stream().mapToDouble(Position::profit).sum();
        String where = "step " + step + ": " + s + " " + ps;
        if (Math.abs(s.balance() - balance) > MONEY) {
            throw new AssertionError(where + ": balance is not start + realised - commission = " + balance);
        }
        if (Math.abs(s.equity() - s.balance() - profit) > MONEY) {
            throw new AssertionError(where + ": equity != balance + profit");
        }
        if (Math.abs(s.freeMargin() - (s.equity() - s.margin())) > MONEY) {
            throw new AssertionError(where + ": free margin != equity - margin");
        }
        if (ps.isEmpty() != (s.margin() == 0) || s.margin() < 0) {
            throw new AssertionError(where + ": margin must be > 0 exactly when positions are open");
        }
        if (!hedging && ps.stream().map(Position::symbol).distinct().count() != ps.size()) {
            throw new AssertionError(where + ": netting holds two positions of one symbol");
        }
        Map<Long, Double> held = new HashMap<>();
        for (Position p : ps) {
            if (!(p.volume() > 0)) {
                throw new AssertionError(where + ": an open position without volume");
            }
            held.put(a.positionId(p.ticket()), p.volume());
        }
        if (!held.keySet().equals(replayed.keySet())) {
            throw new AssertionError(where + ": positions " + held + " are not what the deals made " + replayed);
        }
        for (Map.Entry<Long, Double> e : held.entrySet()) {
            if (Math.abs(e.getValue() - replayed.get(e.getKey())) > LOTS) {
                throw new AssertionError(where + ": position " + e.getKey() + " holds " + e.getValue()
                        + " lots, the deals made " + replayed.get(e.getKey()));
            }
        }
    }
}
