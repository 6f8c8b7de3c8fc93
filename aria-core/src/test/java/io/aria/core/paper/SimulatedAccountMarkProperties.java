package io.aria.core.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aria.core.AccountMode;
import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.OrderRequest;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.Tick;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;

/**
 * A settle re-marks only the positions the quotes since the last mark can have moved; this checks
 * that it never leaves one behind: after every settle each open position's price and profit are
 * what a full mark computes from the latest quotes ({@link FillModel#profit}, bit for bit). The
 * symbols include crosses whose profit converts through another pair (EURJPY through
 * USDJPY, EURGBP through GBPUSD), and the sequence mixes ticks, quotes taken without a settle
 * (several in a row, of one symbol or of many), settles, orders and closes.
 */
class SimulatedAccountMarkProperties {

    private static final long WED = Instant.parse("2024-01-03T12:00:00Z").toEpochMilli();
    private static final String[] SYMBOLS = {"EURUSD", "USDJPY", "GBPUSD", "EURJPY", "USDCHF", "EURGBP", "XAUUSD"};
    private static final double[] START = {1.1, 150.0, 1.27, 165.0, 0.88, 0.866, 2000.0};
    private static final AssetCatalog CATALOG = AssetCatalog.defaults();

    @Property(tries = 80)
    @Label("after every settle, every open position is marked as a full mark marks it")
    void settleMarksLikeAFullMark(@ForAll long seed, @ForAll boolean hedging) {
        Random rnd = new Random(seed);
        SimulatedAccount a = SimulatedAccount.builder().mode(hedging ? AccountMode.HEDGING : AccountMode.NETTING)
                .startingBalance(10_000_000).build();
        double[] mid = START.clone();
        for (int step = 0; step < 400; step++) {
            long now = WED + step * 250L;
            int s = rnd.nextInt(SYMBOLS.length);
            mid[s] *= 1 + rnd.nextGaussian() * 0.002;
            AssetSpec spec = CATALOG.spec(SYMBOLS[s]);
            double bid = spec.normalizePrice(mid[s]);
            Tick t = new Tick(SYMBOLS[s], now, bid, spec.normalizePrice(bid + spec.typicalSpread()), 1);
            switch (rnd.nextInt(6)) {
                case 0 -> a.quote(t); // a quote left for a later settle
                case 1 -> {
                    int i = a.quote(t);
                    a.quote(t); // the same symbol twice
                    a.settle(i, now);
                    check(a, step);
                }
                case 2 -> {
                    a.settle(-1, now); // a settle with no symbol: only the stop-out
                    check(a, step);
                }
                default -> {
                    a.onTick(t);
                    check(a, step);
                }
            }
            if (rnd.nextInt(4) == 0) {
                List<Position> open = a.positions();
                if (!open.isEmpty() && rnd.nextInt(3) == 0) {
                    Position p = open.get(rnd.nextInt(open.size()));
                    a.closePosition(p.ticket(), Deal.Reason.CLIENT, now);
                } else if (a.lastTick(SYMBOLS[s]) != null) {
                    Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
                    Tick q = a.lastTick(SYMBOLS[s]);
                    a.submit(OrderRequest.market("o" + step, SYMBOLS[s], side, spec.volumeMin() * (1 + rnd.nextInt(50)),
                            q.priceFor(side)), now, 0);
                }
                check(a, step);
            }
        }
    }

    private static void check(SimulatedAccount a, int step) {
        for (Position p : a.positions()) {
            Tick t = a.lastTick(p.symbol());
            double price = p.side() == Side.BUY ? t.bid() : t.ask();
            double full = FillModel.profit(CATALOG.spec(p.symbol()), p.side(), p.volume(), p.openPrice(), price,
                    a.converter());
            double expected = Double.isFinite(full) ? full : 0;
            assertEquals(price, p.currentPrice(), 0, () -> "step " + step + ": price of " + p);
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(p.profit()),
                    () -> "step " + step + ": profit of " + p + " should be " + expected);
        }
    }
}
