package io.aria.core.paper;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.CurrencyConverter;
import io.aria.core.OrderRequest;
import io.aria.core.Side;
import io.aria.core.Tick;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Bounds of the seeded slippage, partial-fill and latency models. */
class FillModelProperties {

    private static final AssetCatalog CATALOG = AssetCatalog.defaults();
    private static final long WED = Instant.parse("2024-01-03T12:00:00Z").toEpochMilli();

    @Provide
    Arbitrary<String> symbols() {
        // always-open crypto and forex on a Wednesday: every symbol below trades at WED
        return Arbitraries.of("EURUSD", "USDJPY", "XAUUSD", "BTCUSD", "US30");
    }

    private static FillModel.Filled fill(FillModel model, String symbol, Side side, double mid, int spreadPoints,
            double lots) {
        AssetSpec spec = CATALOG.spec(symbol);
        double bid = spec.normalizePrice(mid);
        Tick t = new Tick(symbol, WED, bid, spec.normalizePrice(bid + spreadPoints * spec.point()), 1);
        CurrencyConverter c = new CurrencyConverter(CATALOG, "USD");
        c.update(new Tick("USDJPY", WED, 150.0, 150.01, 1));
        c.update(t);
        FillModel.Account rich = new FillModel.Account(1e12, 1e12, 1e12, 100, c);
        OrderRequest r = OrderRequest.market("p", symbol, side, lots, t.priceFor(side));
        FillModel.Outcome o = model.execute(r, t, spec, rich, WED);
        if (!(o instanceof FillModel.Filled f)) {
            throw new AssertionError("expected a fill, was " + o);
        }
        return f;
    }

    @Property(tries = 200)
    @Label("random slippage stays within +-maxPoints of the quote and is reported as fill - requested")
    boolean randomSlippage_withinBound(@ForAll("symbols") String symbol, @ForAll Side side,
            @ForAll @IntRange(min = 0, max = 50) int maxPoints, @ForAll long seed,
            @ForAll @DoubleRange(min = 0.5, max = 2.0) double scale, @ForAll @IntRange(min = 1, max = 40) int spread) {
        AssetSpec spec = CATALOG.spec(symbol);
        double mid = spec.normalizePrice(scale * (symbol.equals("EURUSD") ? 1.1 : symbol.equals("USDJPY") ? 150
                : symbol.equals("XAUUSD") ? 2000 : symbol.equals("BTCUSD") ? 40_000 : 37_000));
        FillModel model = FillModel.builder().slippage(SlippageModel.randomPoints(maxPoints, seed)).build();
        for (int i = 0; i < 5; i++) {
            FillModel.Filled f = fill(model, symbol, side, mid, spread, spec.volumeMin());
            double points = f.slippage() / spec.point();
            boolean withinBound = Math.abs(points) <= maxPoints + 1e-6;
            boolean wholePoints = Math.abs(points - Math.rint(points)) < 1e-4;
            boolean reported = Math.abs(f.slippage() - side.sign() * (f.price() - f.marketPrice())) < spec.point() * 1e-3;
            if (!(withinBound && wholePoints && reported)) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 100)
    @Label("the same seed gives the same slippage sequence")
    boolean randomSlippage_repeatsWithSeed(@ForAll long seed, @ForAll Side side) {
        FillModel a = FillModel.builder().slippage(SlippageModel.randomPoints(20, seed)).build();
        FillModel b = FillModel.builder().slippage(SlippageModel.randomPoints(20, seed)).build();
        for (int i = 0; i < 10; i++) {
            if (fill(a, "EURUSD", side, 1.1, 12, 0.1).price() != fill(b, "EURUSD", side, 1.1, 12, 0.1).price()) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 100)
    @Label("spread-share slippage is adverse and equals share x spread, to the point")
    boolean spreadShare_adverse(@ForAll Side side, @ForAll @DoubleRange(min = 0, max = 2) double share,
            @ForAll @IntRange(min = 1, max = 50) int spreadPoints) {
        AssetSpec spec = CATALOG.spec("EURUSD");
        FillModel model = FillModel.builder().slippage(SlippageModel.spreadShare(share)).build();
        FillModel.Filled f = fill(model, "EURUSD", side, 1.1, spreadPoints, 1);
        double expected = share * spreadPoints * spec.point();
        return f.slippage() >= -1e-12 && Math.abs(f.slippage() - expected) <= spec.point() / 2 + 1e-9;
    }

    @Property(tries = 200)
    @Label("a random partial fill is a valid volume no larger than the request")
    boolean partialFill_validVolume(@ForAll long seed, @ForAll @IntRange(min = 1, max = 10_000) int steps,
            @ForAll @DoubleRange(min = 0, max = 1) double probability) {
        AssetSpec spec = CATALOG.spec("EURUSD");
        double lots = spec.roundVolumeDown(steps * spec.volumeStep() + 1e-12);
        FillModel model = FillModel.builder().partialFill(PartialFillModel.random(probability, seed)).build();
        FillModel.Filled f = fill(model, "EURUSD", Side.BUY, 1.1, 12, lots);
        return f.volume() > 0 && f.volume() <= lots + 1e-9 && spec.isValidVolume(f.volume())
                && f.partial() == (f.volume() < lots - 1e-9);
    }

    @Property(tries = 100)
    @Label("random latency stays within its bounds")
    boolean latency_withinBounds(@ForAll @LongRange(min = 0, max = 1000) long min,
            @ForAll @LongRange(min = 0, max = 1000) long extra, @ForAll long seed) {
        LatencyModel m = LatencyModel.random(min, min + extra, seed);
        for (int i = 0; i < 20; i++) {
            long v = m.nextMillis();
            if (v < min || v > min + extra) {
                return false;
            }
        }
        return true;
    }
}
