package io.aria.risk;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetClass;
import io.aria.core.AssetSpec;

import io.aria.core.LiquidityTier;
import io.aria.core.TradingHours;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random catalogs, prices, books and limits for property tests. Every random asset is named
 * A0, A1, ... with base currency B0, B1, ...; the catalog also holds GBPUSD, USDJPY and USDCHF so
 * GBP, JPY and CHF quotes convert with the catalog's own prices.
 */
final class Markets {

    private Markets() {
    }

    static final List<TradingHours> HOURS = List.of(
            TradingHours.alwaysOpen(),
            AssetCatalog.defaults().spec("EURUSD").tradingHours(),
            AssetCatalog.defaults().spec("US30").tradingHours(),
            AssetCatalog.defaults().spec("GER40").tradingHours(),
            new TradingHours(ZoneId.of("Asia/Tokyo"), List.of(
                    new TradingHours.Window(DayOfWeek.MONDAY, LocalTime.of(9, 0), DayOfWeek.MONDAY, LocalTime.of(15, 0)),
                    new TradingHours.Window(DayOfWeek.WEDNESDAY, LocalTime.of(22, 0), DayOfWeek.THURSDAY,
                            LocalTime.of(3, 30)))));

    /**
     * A random market.
     *
     * @param assets    the random assets (without the three conversion pairs)
     * @param mids      a mid price per random asset
     * @param gbpusd    GBPUSD mid
     * @param usdjpy    USDJPY mid
     * @param usdchf    USDCHF mid
     * @param equity    account equity in USD
     */
    record Market(List<AssetSpec> assets, List<Double> mids, double gbpusd, double usdjpy, double usdchf,
            double equity) {

        AssetCatalog catalog() {
            List<AssetSpec> all = new ArrayList<>(assets);
            AssetCatalog d = AssetCatalog.defaults();
            all.add(d.spec("GBPUSD"));
            all.add(d.spec("USDJPY"));
            all.add(d.spec("USDCHF"));
            return AssetCatalog.of(all);
        }

        /** @return a portfolio quoting every asset at its mid with its typical spread */
        TestPortfolio portfolio() {
            return portfolio(false);
        }

        /**
         * @param zeroSpread quote bid = ask = mid
         * @return a portfolio quoting every asset
         */
        TestPortfolio portfolio(boolean zeroSpread) {
            TestPortfolio p = new TestPortfolio(catalog()).equity(equity).startOfDayEquity(equity);
            quote(p, "GBPUSD", gbpusd, zeroSpread);
            quote(p, "USDJPY", usdjpy, zeroSpread);
            quote(p, "USDCHF", usdchf, zeroSpread);
            for (int i = 0; i < assets.size(); i++) {
                quote(p, assets.get(i).symbol(), mids.get(i), zeroSpread);
            }
            return p;
        }

        private static void quote(TestPortfolio p, String symbol, double mid, boolean zeroSpread) {
            if (zeroSpread) {
                p.tick(symbol, mid, mid);
            } else {
                p.quote(symbol, mid);
            }
        }
    }

    static Arbitrary<AssetSpec> asset(int i, boolean randomHours) {
        Arbitrary<TradingHours> hours = randomHours ? Arbitraries.of(HOURS) : Arbitraries.just(TradingHours.alwaysOpen());
        return Combinators.combine(
                Arbitraries.of(AssetClass.class),
                Arbitraries.of("USD", "JPY", "GBP", "CHF"),
                Arbitraries.of(1.0, 10.0, 100.0, 1000.0, 5000.0, 100_000.0),
                Arbitraries.of(0.01, 0.1, 1.0),
                Arbitraries.integers().between(1, 10),
                Arbitraries.integers().between(1, 1000),
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(1, 50))
                .flatAs((cls, quote, contract, step, minSteps, maxMultiple, digits, spreadPoints) ->
                        Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.of(LiquidityTier.class),
                                hours).as((stops, tier, h) -> {
                                    double point = Math.pow(10, -digits);
                                    double min = Math.rint(step * minSteps * 100) / 100;
                                    return AssetSpec.builder().symbol("A" + i).assetClass(cls).baseCurrency("B" + i)
                                            .quoteCurrency(quote).contractSize(contract).digits(digits).point(point)
                                            .volumeStep(step).volumeMin(min).volumeMax(min * maxMultiple)
                                            .typicalSpread(point * spreadPoints).stopsLevelPoints(stops)
                                            .liquidityTier(tier).tradingHours(h).build();
                                }));
    }

    static Arbitrary<Market> markets(boolean randomHours) {
        return Arbitraries.integers().between(1, 5).flatMap(n -> Combinators.combine(
                Combinators.combine(IntStream.range(0, n).mapToObj(i -> asset(i, randomHours)).toList()).as(l -> l),
                Arbitraries.doubles().between(0.5, 50_000).ofScale(2).list().ofSize(n),
                Arbitraries.doubles().between(1.0, 2.0).ofScale(5),
                Arbitraries.doubles().between(80, 200).ofScale(3),
                Arbitraries.doubles().between(0.5, 1.5).ofScale(5),
                Arbitraries.doubles().between(100, 10_000_000).ofScale(2))
                .as((assets, mids, gbp, jpy, chf, equity) -> {
                    List<Double> fixed = new ArrayList<>();
                    for (int i = 0; i < assets.size(); i++) {
                        // keep the bid well above zero whatever the spread
                        fixed.add(Math.max(mids.get(i), 100 * assets.get(i).typicalSpread()));
                    }
                    return new Market(assets, fixed, gbp, jpy, chf, equity);
                }));
    }

    /** @return random signed position sizes, in minimum volumes, mostly flat */
    static Arbitrary<List<Integer>> books() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(-40, 40)))
                .list().ofSize(5);
    }

    /** Puts {@code book.get(i)} minimum volumes of asset i on the portfolio. */
    static void applyBook(Market m, TestPortfolio p, List<Integer> book) {
        for (int i = 0; i < m.assets().size(); i++) {
            AssetSpec s = m.assets().get(i);
            p.position(s.symbol(), book.get(i) * s.volumeMin());
        }
    }

    /** @return random but valid limits around the seed's */
    static Arbitrary<RiskConfig> configs() {
        Arbitrary<ClassLimits> classLimits = Combinators.combine(
                Arbitraries.doubles().between(0.05, 30).ofScale(2),
                Arbitraries.doubles().between(0.01, 1).ofScale(3))
                .as(ClassLimits::new);
        return Combinators.combine(
                classLimits.list().ofSize(4),
                Arbitraries.doubles().between(0.1, 30).ofScale(2),
                Arbitraries.integers().between(1, 8),
                Arbitraries.doubles().between(1_000, 10_000_000).ofScale(0),
                Arbitraries.doubles().between(0.02, 1).ofScale(3))
                .as((limits, accountLev, maxPositions, maxNotional, maxCluster) -> {
                    RiskConfig d = RiskConfig.defaults();
                    Map<AssetClass, ClassLimits> m = new EnumMap<>(AssetClass.class);
                    for (AssetClass c : AssetClass.values()) {
                        m.put(c, limits.get(c.ordinal()));
                    }
                    RiskConfig.Correlation dc = d.correlation();
                    RiskConfig.Correlation corr = new RiskConfig.Correlation(dc.lambda(), dc.sampleSeconds(),
                            dc.minSamples(), dc.priorIntraClass(), dc.clusterThreshold(), maxCluster,
                            dc.maxClassExposure());
                    return new RiskConfig(m, accountLev, maxPositions, maxNotional, 1000, d.sizing(), d.killSwitch(),
                            corr, d.sessions());
                });
    }
}
