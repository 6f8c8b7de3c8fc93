package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.Decision;
import io.aria.core.ExecutionStatus;
import io.aria.core.Direction;
import io.aria.core.OrderIntent;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.Verdict;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;

/**
 * A seeded simulation of the engine's use of the layer on the default catalog: ticks on a random
 * walk mark the book to market, decisions are sized and checked, exits are checked, and the
 * invariants are checked after every step.
 */
@Label("seeded simulation of the default risk layer")
class SimulationProperties {

    @Property(tries = 40, shrinking = ShrinkingMode.OFF)
    @Label("entries respect the class share, exits always pass, the kill switch stops every entry once engaged")
    void invariantsHoldThroughARun(@ForAll long seed) {
        Random rnd = new Random(seed);
        AssetCatalog catalog = AssetCatalog.defaults();
        TestPortfolio p = TestPortfolio.withDefaultPrices();
        RiskLayer layer = RiskLayer.fromConfig(RiskConfig.defaults(), catalog);
        for (int step = 0; step < 400; step++) {
            p.nowMillis(p.nowMillis() + 1_000);
            AssetSpec spec = catalog.spec(rnd.nextInt(catalog.size()));
            Tick last = p.lastTick(spec.symbol()).orElseThrow();
            double mid = last.mid() * Math.exp(rnd.nextGaussian() * 0.02);
            double netLots = p.netVolume(spec.symbol());
            double rate = p.toAccountCurrency(1, spec.quoteCurrency());
            p.equity(p.equity() + netLots * spec.contractSize() * (mid - last.mid()) * rate);
            p.quote(spec.symbol(), mid);
            layer.guard().onTick(p.lastTick(spec.symbol()).orElseThrow(), p);
            if (rnd.nextInt(3) != 0) {
                continue;
            }
            boolean engaged = p.killSwitch().isEngaged();
            if (netLots != 0) {
                OrderIntent exit = Orders.exit(p, spec.symbol(), netLots > 0 ? Side.SELL : Side.BUY, Math.abs(netLots));
                assertInstanceOf(Verdict.Approved.class, layer.guard().check(exit, p), "exit at step " + step);
                p.fill(exit, exit.volume());
                continue;
            }
            Direction d = rnd.nextBoolean() ? Direction.LONG : Direction.SHORT;
            Optional<OrderIntent> sized = layer.sizer().size(Decision.of(spec.symbol(), p.nowMillis(), d,
                    rnd.nextDouble()), p);
            if (sized.isEmpty()) {
                continue;
            }
            OrderIntent entry = sized.get();
            assertTrue(spec.isValidVolume(entry.volume()), "sized volume " + entry.volume());
            Verdict v = layer.guard().check(entry, p);
            if (engaged) {
                assertInstanceOf(Verdict.Rejected.class, v, "entry with the kill switch engaged at step " + step);
            }
            double allowed = Orders.allowed(v, entry);
            if (allowed > 0 && rnd.nextInt(4) == 0) {
                // the gateway refuses one order in four: the error-rate trigger should notice
                layer.guard().onExecution(KillSwitchTriggersTest.report(ExecutionStatus.REJECTED), p);
            } else if (allowed > 0) {
                p.fill(entry, allowed);
                layer.guard().onExecution(KillSwitchTriggersTest.report(ExecutionStatus.FILLED), p);
                // at the new price's conversion, as the sizer and guards see it: for USDJPY the
                // JPY rate is 1 / mid, and the rate before the move would misstate the notional
                double notional = allowed * spec.contractSize() * mid * p.toAccountCurrency(1, spec.quoteCurrency());
                double cap = RiskConfig.defaults().limits(spec.assetClass()).maxPositionNotionalShare() * p.equity();
                assertTrue(notional <= cap * (1 + 1e-9), spec.symbol() + " entry " + notional + " above " + cap);
            }
        }
        Statistics.label("kill switch").collect(p.killSwitch().isEngaged() ? "engaged" : "not engaged");
        Statistics.label("kill switch").coverage(c -> c.check("engaged").count(n -> n > 0));
    }
}
