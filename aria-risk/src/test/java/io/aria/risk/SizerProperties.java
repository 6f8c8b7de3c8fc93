package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetSpec;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.OrderIntent;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.spi.PositionSizer;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

@Label("sizer properties over random catalogs and prices")
class SizerProperties {

    @Provide
    Arbitrary<Markets.Market> markets() {
        return Markets.markets(false);
    }

    private static PositionSizer sizer(boolean riskPerTrade, double atr) {
        Volatility v = s -> atr;
        return riskPerTrade ? new RiskPerTradeSizer(RiskConfig.defaults(), v) : new ConfidenceSizer(RiskConfig.defaults(), v);
    }

    private static double volume(Optional<OrderIntent> o) {
        return o.map(OrderIntent::volume).orElse(0.0);
    }

    @Property(tries = 300)
    @Label("volume is 0 or a step multiple in [min, max], within the class cap, and stops keep their distance")
    void volumeIsValidAndCapped(@ForAll("markets") Markets.Market m, @ForAll boolean riskPerTrade,
            @ForAll @DoubleRange(min = 0, max = 1) double confidence, @ForAll Direction direction,
            @ForAll @DoubleRange(min = 0, max = 500) double atr) {
        TestPortfolio p = m.portfolio();
        RiskConfig c = RiskConfig.defaults();
        for (AssetSpec spec : m.assets()) {
            Optional<OrderIntent> o = sizer(riskPerTrade, atr).size(Decision.of(spec.symbol(), 0, direction, confidence), p);
            if (o.isEmpty()) {
                continue;
            }
            OrderIntent i = o.get();
            assertTrue(spec.isValidVolume(i.volume()), "volume " + i.volume() + " for " + spec);
            Tick t = p.lastTick(spec.symbol()).orElseThrow();
            double notional = i.volume() * spec.contractSize() * t.ask() * p.toAccountCurrency(1, spec.quoteCurrency());
            double cap = c.limits(spec.assetClass()).maxPositionNotionalShare() * p.equity();
            assertTrue(notional <= cap * (1 + 1e-9), "notional " + notional + " above the class cap " + cap);
            double min = spec.minStopDistance() + t.spread();
            double slDistance = Math.abs(i.referencePrice() - i.stopLoss());
            assertTrue(slDistance >= min - spec.point() * 1e-3, "stop distance " + slDistance + " < " + min);
            if (i.takeProfit() > 0) {
                double tpDistance = Math.abs(i.takeProfit() - i.referencePrice());
                assertTrue(tpDistance >= min - spec.point() * 1e-3, "target distance " + tpDistance + " < " + min);
            }
            assertTrue(i.side() == (direction == Direction.LONG ? Side.BUY : Side.SELL));
        }
    }

    @Property(tries = 300)
    @Label("volume never decreases when confidence rises")
    void monotoneInConfidence(@ForAll("markets") Markets.Market m, @ForAll boolean riskPerTrade,
            @ForAll @DoubleRange(min = 0, max = 1) double a, @ForAll @DoubleRange(min = 0, max = 1) double b,
            @ForAll @DoubleRange(min = 0, max = 500) double atr) {
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        TestPortfolio p = m.portfolio();
        PositionSizer s = sizer(riskPerTrade, atr);
        for (AssetSpec spec : m.assets()) {
            double vLo = volume(s.size(Decision.of(spec.symbol(), 0, Direction.LONG, lo), p));
            double vHi = volume(s.size(Decision.of(spec.symbol(), 0, Direction.LONG, hi), p));
            assertTrue(vLo <= vHi, spec.symbol() + ": " + vLo + " lots at confidence " + lo + " but " + vHi + " at " + hi);
        }
    }
}
