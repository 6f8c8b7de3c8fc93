package io.aria.analytics;

import static io.aria.analytics.Fixtures.MINUTE;
import static io.aria.analytics.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aria.analytics.ExecutionStatistics.Distribution;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ExecutionStatus;
import io.aria.core.ModelVote;
import io.aria.core.Position;
import io.aria.core.Regime;
import io.aria.core.Side;
import io.aria.core.TradeReturnCode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.From;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class AnalyticsProperties {

    static final String[] MODELS = {"momentum", "meanReversion", "breakout", "volume"};

    @Property(tries = 80)
    void maxDrawdownShareIsAlwaysWithin0And1(
            @ForAll @Size(max = 200) List<@DoubleRange(min = -1e6, max = 1e7) Double> equity) {
        HedgeFundAnalytics a = HedgeFundAnalytics.builder().maxPoints(32).build();
        for (int i = 0; i < equity.size(); i++) {
            a.onEquity(equity.get(i), T0 + i * 17_000L);
        }
        PerformanceReport.Drawdown d = a.performance().maxDrawdown();
        assertTrue(d.share() >= 0 && d.share() <= 1, "share " + d.share());
        assertTrue(d.value() >= 0);
    }

    @Provide
    Arbitrary<Decision> entries() {
        Arbitrary<List<Double>> weights = Arbitraries.doubles().between(0, 1).list().ofSize(MODELS.length);
        return Combinators.combine(weights, Arbitraries.of(Regime.class), Arbitraries.integers().between(0, MODELS.length))
                .as((w, regime, agreeing) -> {
                    double sum = 0;
                    for (int i = 0; i < agreeing; i++) {
                        sum += w.get(i);
                    }
                    List<ModelVote> votes = new ArrayList<>();
                    for (int i = 0; i < MODELS.length; i++) {
                        double share = i < agreeing && sum > 0 ? w.get(i) / sum : 0;
                        votes.add(new ModelVote(MODELS[i], share > 0 ? 0.5 : -0.5, 0.5, w.get(i), Math.min(1, share)));
                    }
                    return new Decision("EURUSD", T0, Direction.LONG, 0.5, 0.5, regime, votes, Map.of());
                });
    }

    @Property(tries = 60)
    void attributedProfitOverModelsSumsToTheTotalOfAttributedTrades(
            @ForAll @Size(max = 40) List<@From("entries") Decision> entries,
            @ForAll @Size(min = 40, max = 40) List<@DoubleRange(min = -5_000, max = 5_000) Double> profits) {
        HedgeFundAnalytics a = HedgeFundAnalytics.builder().build();
        double total = 0;
        double everything = 0;
        for (int i = 0; i < entries.size(); i++) {
            Decision d = entries.get(i);
            a.onTradeClosed(d.symbol(), d, profits.get(i), T0);
            everything += profits.get(i);
            if (d.votes().stream().anyMatch(v -> v.share() > 0)) {
                total += profits.get(i);
            }
        }
        AttributionReport r = a.attribution();
        double sumModels = 0;
        double sumByRegime = 0;
        for (AttributionReport.ModelAttribution m : r.models()) {
            sumModels += m.total().attributedProfit();
            for (AttributionReport.Figures f : m.byRegime().values()) {
                sumByRegime += f.attributedProfit();
            }
        }
        assertEquals(total, r.attributedProfit(), 1e-6);
        assertEquals(total, sumModels, 1e-6);
        assertEquals(total, sumByRegime, 1e-6);
        assertEquals(everything, r.attributedProfit() + r.unattributedProfit(), 1e-6);
        assertEquals(entries.size(), r.attributedTrades() + r.unattributedTrades());
    }

    @Property(tries = 60)
    void latencyAndSlippagePercentilesNeverDecrease(
            @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 2_000_000_000) Integer> latencies,
            @ForAll @Size(min = 1, max = 200) List<@DoubleRange(min = -0.01, max = 0.01) Double> slippages) {
        HedgeFundAnalytics a = HedgeFundAnalytics.builder().build();
        for (int i = 0; i < latencies.size(); i++) {
            a.onExecution(Fixtures.fill("EURUSD", slippages.get(i % slippages.size()), latencies.get(i)), null);
        }
        for (Distribution d : List.of(a.execution().overall().latencyNanos(), a.execution().overall().slippagePoints())) {
            assertTrue(d.min() <= d.p50() && d.p50() <= d.p90() && d.p90() <= d.p95() && d.p95() <= d.p99()
                    && d.p99() <= d.max(), d.toString());
        }
    }

    @Property(tries = 40)
    void theJsonReportNeverHoldsNaNOrInfinity(@ForAll long seed, @ForAll @IntRange(min = 0, max = 120) int events)
            throws Exception {
        Random rnd = new Random(seed);
        HedgeFundAnalytics a = HedgeFundAnalytics.builder().maxPoints(16).build();
        long t = T0;
        for (int i = 0; i < events; i++) {
            t += rnd.nextInt(3) * MINUTE / 2;
            switch (rnd.nextInt(4)) {
                case 0 -> a.onEquity(rnd.nextInt(10) == 0 ? 0 : (rnd.nextDouble() - 0.1) * 1e6, t);
                case 1 -> a.onTradeClosed("EURUSD", rnd.nextBoolean()
                        ? Fixtures.decision(Regime.values()[rnd.nextInt(3)], "A", rnd.nextDouble(), "B", rnd.nextDouble())
                        : Decision.of("EURUSD", t, Direction.SHORT, 0.4), (rnd.nextDouble() - 0.5) * 1e4, t);
                case 2 -> a.onExecution(Fixtures.fill(rnd.nextBoolean() ? "EURUSD" : "UNLISTED",
                        (rnd.nextDouble() - 0.5) * 1e-3, rnd.nextInt(1_000_000)), null);
                default -> a.onExecution(Fixtures.notFilled("BTCUSD",
                        ExecutionStatus.values()[2 + rnd.nextInt(3)], TradeReturnCode.REJECT, rnd.nextInt(1000)), null);
            }
        }
        double equity = rnd.nextBoolean() ? 0 : rnd.nextDouble() * 1e5 - 1e4;
        List<Position> positions = rnd.nextBoolean() ? List.of()
                : List.of(Fixtures.position(1, "UK100", Side.BUY, 1, 8000), Fixtures.position(2, "BTCUSD", Side.SELL, 0.5, 60_000));
        String json = a.report(Fixtures.snapshot(equity, positions)).toJson();
        assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
        JsonNode root = new ObjectMapper().readTree(json);
        assertAllFinite(root, json);
        assertTrue(root.has("performance") && root.has("attribution") && root.has("risk") && root.has("execution"));
    }

    static void assertAllFinite(JsonNode n, String json) {
        if (n.isNumber()) {
            assertTrue(Double.isFinite(n.doubleValue()), json);
        }
        for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
            assertAllFinite(it.next(), json);
        }
    }
}
