package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetClass;
import io.aria.core.AssetSpec;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.OrderIntent;
import io.aria.core.Side;
import io.aria.core.Verdict;
import java.util.EnumMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Both class limits bind and neither is exceeded, for any limits: the position size (margin =
 * notional / class leverage, as a share of equity) and the class leverage (gross class notional
 * over equity). Scenarios are built so the limit under test is the tightest; every other limit is
 * set out of reach.
 */
@Label("class limits: position size and class leverage both bind, neither is exceeded")
class ClassLimitsProperties {

    /** Default catalog and prices, every limit but the class limits out of reach. */
    private static RiskConfig config(double leverage, double share) {
        RiskConfig d = RiskConfig.defaults();
        Map<AssetClass, ClassLimits> limits = new EnumMap<>(d.classLimits());
        limits.put(AssetClass.FOREX, new ClassLimits(leverage, share));
        Map<AssetClass, Double> classExposure = new EnumMap<>(AssetClass.class);
        for (AssetClass c : AssetClass.values()) {
            classExposure.put(c, 1e9);
        }
        RiskConfig.Correlation dc = d.correlation();
        return new RiskConfig(limits, 1e9, 21, 1e15, 1000, d.sizing(), d.killSwitch(),
                new RiskConfig.Correlation(dc.lambda(), dc.sampleSeconds(), dc.minSamples(), dc.priorIntraClass(),
                        dc.clusterThreshold(), 1e9, classExposure), d.sessions());
    }

    private static double perLot(TestPortfolio p, String symbol) {
        AssetSpec s = p.catalog().spec(symbol);
        return s.contractSize() * p.lastTick(symbol).orElseThrow().ask() * p.toAccountCurrency(1, s.quoteCurrency());
    }

    @Property(tries = 300)
    @Label("position size binds at share x leverage x equity in notional, and the sizer sizes to it")
    void positionSizeBinds(@ForAll @DoubleRange(min = 1, max = 100) double leverage,
            @ForAll @DoubleRange(min = 0.01, max = 1) double share,
            @ForAll @DoubleRange(min = 0.5, max = 60) double capLots) {
        TestPortfolio p = TestPortfolio.withDefaultPrices();
        double lot = perLot(p, "EURUSD");
        double equity = capLots * lot / (share * leverage);
        p.equity(equity).startOfDayEquity(equity);
        RiskConfig c = config(leverage, share);
        RiskLayer layer = RiskLayer.fromConfig(c, p.catalog());
        OrderIntent big = Orders.entry(p, "EURUSD", Side.BUY, 100); // the broker's maximum volume
        Verdict v = layer.guard().check(big, p);
        Verdict.Resized r = assertInstanceOf(Verdict.Resized.class, v, v.toString());
        assertEquals(RiskCodes.POSITION_SIZE, r.code(), r.message());
        double margin = r.volume() * lot / leverage;
        // not exceeded: the margin fits the share of equity
        assertTrue(margin <= share * equity * (1 + 1e-9), "margin " + margin + " above " + share * equity);
        // binds: one more step would not fit, after the spread it pays
        double next = (r.volume() + 0.01) * lot / leverage;
        assertTrue(next > share * (equity - (r.volume() + 0.01) * 12) * (1 - 1e-9), "one more step fits: " + r);
        // the sizer at full confidence sizes to the same cap
        OrderIntent sized = layer.sizer().size(Decision.of("EURUSD", 0, Direction.LONG, 1.0), p).orElseThrow();
        assertTrue(sized.volume() * lot / leverage <= share * equity * (1 + 1e-9), "sized " + sized.volume());
        assertTrue(Math.abs(sized.volume() - r.volume()) <= 0.01 + 1e-9, "sized " + sized.volume() + " vs " + r);
        // and what it sizes passes the guard's position limit as it is, never cut after the fact
        Verdict again = layer.guard().check(sized, p);
        assertEquals("OK", again.code(), "sized " + sized.volume() + ": " + again);
    }

    @Property(tries = 300)
    @Label("class leverage binds at leverage x equity of gross class notional, below the position cap")
    void classLeverageBinds(@ForAll @DoubleRange(min = 1, max = 100) double leverage,
            @ForAll @DoubleRange(min = 0.01, max = 1) double share,
            @ForAll @DoubleRange(min = 0.1, max = 0.9) double roomOfAPosition,
            @ForAll @DoubleRange(min = 0.5, max = 60) double capLots) {
        TestPortfolio p = TestPortfolio.withDefaultPrices();
        double lot = perLot(p, "EURUSD");
        double equity = capLots * lot / (share * leverage);
        p.equity(equity).startOfDayEquity(equity);
        double positionCap = share * leverage * equity;
        // other forex positions fill the class to within a fraction of one full position
        double othersWanted = leverage * equity - roomOfAPosition * positionCap;
        double gbpPerLot = 100_000 * p.lastTick("GBPUSD").orElseThrow().mid();
        double gbpLots = Math.floor(othersWanted / gbpPerLot * 100) / 100;
        p.position("GBPUSD", -gbpLots);
        double others = gbpLots * gbpPerLot;
        double room = leverage * equity - others;
        double wanted = Math.floor(Math.min(positionCap, 100 * lot) / lot * 100) / 100;
        boolean cuts = room < wanted * lot - 0.02 * lot && room >= 0.02 * lot;
        Statistics.label("scenario").collect(cuts ? "class cap cuts" : "skipped");
        Statistics.label("scenario").coverage(k -> k.check("class cap cuts").percentage(pc -> pc > 80));
        if (!cuts) {
            return; // the class cap would not cut this order by a volume step, or leaves less than a step
        }
        RiskConfig c = config(leverage, share);
        OrderIntent intent = Orders.entry(p, "EURUSD", Side.BUY, wanted);
        Verdict v = RiskLayer.fromConfig(c, p.catalog()).guard().check(intent, p);
        Verdict.Resized r = assertInstanceOf(Verdict.Resized.class, v, v.toString());
        assertEquals(RiskCodes.CLASS_LEVERAGE, r.code(), r.message());
        double classNotional = others + r.volume() * lot;
        double equityAfter = equity - r.volume() * 12;
        // not exceeded
        assertTrue(classNotional <= leverage * equityAfter * (1 + 1e-9), "class notional " + classNotional);
        assertTrue(r.volume() * lot / leverage <= share * equity * (1 + 1e-9), "position margin");
        // binds: one more step would break the class cap
        assertTrue(others + (r.volume() + 0.01) * lot > leverage * (equity - (r.volume() + 0.01) * 12) * (1 - 1e-9),
                "one more step fits: " + r);
    }
}
