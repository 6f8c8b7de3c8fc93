package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aria.core.ExecutionStatus;
import io.aria.core.Tick;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;

@Label("kill switch trigger properties")
class TriggerProperties {

    private static final Tick TICK = new Tick("EURUSD", 0, 1.1, 1.1001, 0);

    @Property(tries = 500)
    @Label("the daily-loss trigger engages exactly when the loss reaches the limit")
    void dailyLossEngagesExactlyAtTheLimit(
            @ForAll @DoubleRange(min = 1_000, max = 10_000_000) double start,
            @ForAll @DoubleRange(min = 0.005, max = 0.5) @Scale(4) double limit,
            @ForAll @Size(min = 1, max = 30) List<@DoubleRange(min = -0.6, max = 0.3) Double> moves) {
        TestPortfolio p = TestPortfolio.withDefaultPrices().equity(start).startOfDayEquity(start);
        DailyLossGuard g = new DailyLossGuard(limit, ZoneId.of("UTC"));
        g.onTick(TICK, p);
        boolean expected = false;
        for (double move : moves) {
            // a move of -limit lands on the limit itself
            double equity = move == -0.6 ? start - limit * start : start * (1 + move);
            p.equity(equity).nowMillis(p.nowMillis() + 1000);
            g.onTick(TICK, p);
            expected |= start - equity >= limit * start;
            assertEquals(expected, p.killSwitch().isEngaged(), "equity " + equity + " from " + start);
        }
    }

    /**
     * An order outcome after a gap.
     *
     * @param gapMillis time since the previous one
     * @param status    outcome
     */
    record Outcome(long gapMillis, ExecutionStatus status) {
    }

    @Provide
    Arbitrary<List<Outcome>> outcomes() {
        return Combinators.combine(Arbitraries.longs().between(0, 120_000), Arbitraries.of(ExecutionStatus.class))
                .as(Outcome::new).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 500)
    @Label("the error-rate trigger engages exactly when the windowed rate exceeds the limit with enough orders")
    void errorRateEngagesExactly(@ForAll("outcomes") List<Outcome> outcomes,
            @ForAll @DoubleRange(min = 0, max = 0.9) double maxRate,
            @ForAll @IntRange(min = 1, max = 12) int minOrders,
            @ForAll @IntRange(min = 1, max = 600) int windowSeconds) {
        TestPortfolio p = TestPortfolio.withDefaultPrices();
        ErrorRateGuard g = new ErrorRateGuard(maxRate, windowSeconds * 1000L, minOrders);
        List<long[]> seen = new ArrayList<>(); // {time, failed}
        boolean expected = false;
        for (Outcome o : outcomes) {
            long now = p.nowMillis() + o.gapMillis();
            p.nowMillis(now);
            g.onExecution(KillSwitchTriggersTest.report(o.status()), p);
            if (o.status() != ExecutionStatus.UNKNOWN) {
                boolean failed = o.status() == ExecutionStatus.REJECTED || o.status() == ExecutionStatus.ERROR;
                seen.add(new long[] {now, failed ? 1 : 0});
                int n = 0;
                int f = 0;
                for (long[] s : seen) {
                    if (s[0] > now - windowSeconds * 1000L) {
                        n++;
                        f += (int) s[1];
                    }
                }
                expected |= n >= minOrders && f > maxRate * n;
            }
            assertEquals(expected, p.killSwitch().isEngaged(), "after " + seen.size() + " outcomes");
        }
    }
}
