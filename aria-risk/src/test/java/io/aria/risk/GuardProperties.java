package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetClass;
import io.aria.core.AssetSpec;
import io.aria.core.OrderIntent;
import io.aria.core.Side;
import io.aria.core.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

@Label("risk guard properties over random catalogs, books, prices and orders")
class GuardProperties {

    @Provide
    Arbitrary<Markets.Market> markets() {
        return Markets.markets(false);
    }

    @Provide
    Arbitrary<Markets.Market> marketsWithHours() {
        return Markets.markets(true);
    }

    @Provide
    Arbitrary<List<Integer>> books() {
        return Markets.books();
    }

    @Provide
    Arbitrary<RiskConfig> configs() {
        return Markets.configs();
    }

    private static OrderIntent order(Markets.Market m, TestPortfolio p, int which, Side side, int steps) {
        AssetSpec spec = m.assets().get(which % m.assets().size());
        double lots = spec.volumeMin() + steps * spec.volumeStep();
        return Orders.entry(p, spec.symbol(), side, Math.rint(lots * 100) / 100);
    }

    /** One limited measure: a position, a class or the account, with its value and limit. */
    private record Measure(String name, double value, double limit) {
    }

    private static List<Measure> measures(TestPortfolio p, RiskConfig c) {
        AssetCatalog cat = p.catalog();
        List<Measure> out = new ArrayList<>();
        double equity = p.equity();
        double account = 0;
        double[] byClass = new double[AssetClass.values().length];
        for (AssetSpec s : cat.specs()) {
            double n = Math.abs(p.netVolume(s.symbol())) * s.contractSize() * p.lastTick(s.symbol()).orElseThrow().mid()
                    * p.toAccountCurrency(1, s.quoteCurrency());
            // margin (notional / class leverage) at most maxPositionShare of equity
            out.add(new Measure("position " + s.symbol(), n / c.limits(s.assetClass()).maxLeverage(),
                    c.limits(s.assetClass()).maxPositionShare() * equity));
            byClass[s.assetClass().ordinal()] += n;
            account += n;
        }
        for (AssetClass cls : AssetClass.values()) {
            out.add(new Measure("class " + cls, byClass[cls.ordinal()], c.limits(cls).maxLeverage() * equity));
        }
        out.add(new Measure("account", account, c.maxAccountLeverage() * equity));
        return out;
    }

    @Property(tries = 400)
    @Label("an approved or resized order never leaves a position, class or the account above its limit once filled")
    void limitsHoldAfterTheFill(@ForAll("markets") Markets.Market m, @ForAll("books") List<Integer> book,
            @ForAll("configs") RiskConfig config, @ForAll @IntRange(min = 0, max = 4) int which,
            @ForAll Side side, @ForAll @IntRange(min = 0, max = 3000) int steps) {
        TestPortfolio p = m.portfolio();
        Markets.applyBook(m, p, book);
        RiskLayer layer = RiskLayer.fromConfig(config, p.catalog());
        OrderIntent intent = order(m, p, which, side, steps);
        List<Measure> before = measures(p, config);
        int openBefore = openSymbols(p);
        double pre = p.netVolume(intent.symbol());
        boolean wasOpen = pre != 0;
        Verdict v = layer.guard().check(intent, p);
        Statistics.label("verdict").collect(v.getClass().getSimpleName());
        Statistics.label("verdict").coverage(c -> {
            c.check("Approved").percentage(pc -> pc > 5);
            c.check("Resized").percentage(pc -> pc > 5);
        });
        double allowed = Orders.allowed(v, intent);
        if (allowed == 0) {
            return;
        }
        AssetSpec spec = p.catalog().spec(intent.symbol());
        assertTrue(allowed <= intent.volume() && spec.isValidVolume(allowed) || allowed == intent.volume(),
                "allowed volume " + allowed + " of " + intent.volume());
        double orderNotional = allowed * spec.contractSize() * p.lastTick(spec.symbol()).orElseThrow().ask()
                * p.toAccountCurrency(1, spec.quoteCurrency());
        boolean increases = Math.abs(pre + intent.side().sign() * allowed) > Math.abs(pre);
        // reducing orders are never blocked, whatever their size
        assertTrue(!increases || orderNotional <= config.maxOrderNotional() * (1 + 1e-9),
                "order notional " + orderNotional + "; verdict " + v);
        p.fill(intent, allowed);
        List<Measure> after = measures(p, config);
        for (int i = 0; i < after.size(); i++) {
            Measure a = after.get(i);
            Measure b = before.get(i);
            boolean ok = a.value() <= a.limit() * (1 + 1e-9) || a.value() <= b.value() * (1 + 1e-9);
            assertTrue(ok, a.name() + " is " + a.value() + " after the fill, limit " + a.limit() + ", was " + b.value()
                    + "; verdict " + v);
        }
        assertTrue(wasOpen || openBefore < config.maxOpenPositions(), "opened a position beyond the maximum: " + v);
    }

    private static int openSymbols(TestPortfolio p) {
        int n = 0;
        for (AssetSpec s : p.catalog().specs()) {
            n += p.netVolume(s.symbol()) != 0 ? 1 : 0;
        }
        return n;
    }

    @Property(tries = 400)
    @Label("with the kill switch engaged no exposure-increasing order is approved, and a reducing one always is")
    void killSwitchBlocksEntriesButNeverExits(@ForAll("markets") Markets.Market m, @ForAll("books") List<Integer> book,
            @ForAll @IntRange(min = 0, max = 4) int which, @ForAll Side side,
            @ForAll @IntRange(min = 0, max = 3000) int steps, @ForAll boolean flaggedReducing) {
        TestPortfolio p = m.portfolio();
        Markets.applyBook(m, p, book);
        p.killSwitch().engage("test", "engaged for the property");
        RiskLayer layer = RiskLayer.defaults(p.catalog());
        OrderIntent entry = order(m, p, which, side, steps);
        double net = p.netVolume(entry.symbol());
        OrderIntent intent = flaggedReducing && net != 0
                ? Orders.exit(p, entry.symbol(), net > 0 ? Side.SELL : Side.BUY, Math.min(Math.abs(net), entry.volume()))
                : entry;
        Verdict v = layer.guard().check(intent, p);
        double post = net + intent.side().sign() * intent.volume();
        boolean increases = !intent.reducing() && Math.abs(post) > Math.abs(net) + 1e-12;
        if (increases) {
            assertInstanceOf(Verdict.Rejected.class, v, "an increasing order got " + v);
        } else {
            assertInstanceOf(Verdict.Approved.class, v, "a reducing order got " + v);
        }
    }

    @Property(tries = 400)
    @Label("no order opens a position outside its asset's session")
    void noEntryOutsideTheSession(@ForAll("marketsWithHours") Markets.Market m,
            @ForAll @IntRange(min = 0, max = 14 * 24 * 60) int minute, @ForAll @IntRange(min = 0, max = 4) int which,
            @ForAll Side side) {
        TestPortfolio p = m.portfolio().equity(1e9);
        Instant now = Instant.parse("2026-11-23T00:00:00Z").plusSeconds(minute * 60L);
        p.now(now);
        RiskLayer layer = RiskLayer.defaults(p.catalog());
        OrderIntent intent = order(m, p, which, side, 0);
        Verdict v = layer.guard().check(intent, p);
        Statistics.label("code").collect(v.code());
        Statistics.label("code").coverage(c -> {
            c.check("OK").percentage(pc -> pc > 5);
            c.check(RiskCodes.SESSION_CLOSED).percentage(pc -> pc > 5);
        });
        if (!(v instanceof Verdict.Rejected)) {
            AssetSpec spec = p.catalog().spec(intent.symbol());
            long left = spec.tradingHours().minutesToClose(now);
            assertTrue(spec.tradingHours().isOpen(now) && left > RiskConfig.defaults().sessions().closeBufferMinutes(),
                    intent.symbol() + " entry at " + now + " with " + left + " min to close got " + v);
        }
    }
}
