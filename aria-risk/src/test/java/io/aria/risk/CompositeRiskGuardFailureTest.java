package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderIntent;
import io.aria.core.OrderRequest;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradeEvent;
import io.aria.core.TradeReturnCode;
import io.aria.core.Verdict;
import io.aria.core.spi.PortfolioView;
import io.aria.core.spi.RiskGuard;
import io.aria.core.spi.TickListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A broken rule must not blind the others: the kill switch triggers watch ticks and executions
 * through the composite, and a rule (or tick listener) placed before them that throws would
 * otherwise keep every event from them: fail open.
 */
@DisplayName("a composite guard whose rule throws on an event still tells the other rules")
class CompositeRiskGuardFailureTest {

    /** Approves everything and throws from every event callback. */
    static final class Broken implements RiskGuard {
        @Override
        public Verdict check(OrderIntent intent, PortfolioView portfolio) {
            return Verdict.approve();
        }

        @Override
        public void onTick(Tick tick, PortfolioView portfolio) {
            throw new IllegalStateException("broken onTick");
        }

        @Override
        public void onExecution(ExecutionReport report, PortfolioView portfolio) {
            throw new IllegalStateException("broken onExecution");
        }

        @Override
        public void onTradeEvent(TradeEvent event, PortfolioView portfolio) {
            throw new IllegalStateException("broken onTradeEvent");
        }
    }

    @Test
    @DisplayName("the daily-loss trigger still sees ticks after a rule before it threw, and the failure still reaches the engine")
    void ticks_reachEveryRule() {
        TestPortfolio p = TestPortfolio.withDefaultPrices();
        TickListener brokenListener = t -> {
            throw new IllegalStateException("broken listener");
        };
        CompositeRiskGuard g = new CompositeRiskGuard(List.of(new Broken(),
                new DailyLossGuard(RiskConfig.defaults().killSwitch())), List.of(brokenListener));
        Tick t = new Tick("EURUSD", p.nowMillis(), 1.1, 1.1001, 0);
        IllegalStateException first = assertThrows(IllegalStateException.class, () -> g.onTick(t, p));
        assertEquals("broken listener", first.getMessage(), "the first failure is rethrown for the engine to count");
        assertEquals(1, first.getSuppressed().length, "the later one rides along");
        p.equity(94_000);
        assertThrows(IllegalStateException.class, () -> g.onTick(t, p));
        assertTrue(p.killSwitch().isEngaged(), "a 6% daily loss engages the switch although a rule before it throws");
        assertEquals(RiskCodes.DAILY_LOSS, p.killSwitch().state().by());
    }

    @Test
    @DisplayName("the error-rate trigger still counts rejections after a rule before it threw")
    void executions_reachEveryRule() {
        TestPortfolio p = TestPortfolio.withDefaultPrices();
        CompositeRiskGuard g = new CompositeRiskGuard(List.of(new Broken(),
                new ErrorRateGuard(0.2, 60_000, 5)), List.of());
        AtomicInteger thrown = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            OrderRequest r = OrderRequest.market("x-" + i, "EURUSD", Side.BUY, 0.1, 1.1001);
            ExecutionReport rejected = ExecutionReport.notFilled(r, ExecutionStatus.REJECTED, TradeReturnCode.REJECT,
                    "rejected", 1000, p.nowMillis());
            try {
                g.onExecution(rejected, p);
            } catch (IllegalStateException e) {
                thrown.incrementAndGet();
            }
        }
        assertEquals(10, thrown.get(), "each failure still reaches the engine");
        assertTrue(p.killSwitch().isEngaged(), "ten rejections in a row engage the switch although a rule before it throws");
        assertEquals(RiskCodes.ERROR_RATE, p.killSwitch().state().by());
    }

    @Test
    @DisplayName("trade events reach every rule too")
    void tradeEvents_reachEveryRule() {
        TestPortfolio p = TestPortfolio.withDefaultPrices();
        AtomicInteger seen = new AtomicInteger();
        RiskGuard counting = new RiskGuard() {
            @Override
            public Verdict check(OrderIntent intent, PortfolioView portfolio) {
                return Verdict.approve();
            }

            @Override
            public void onTradeEvent(TradeEvent event, PortfolioView portfolio) {
                seen.incrementAndGet();
            }
        };
        CompositeRiskGuard g = new CompositeRiskGuard(List.of(new Broken(), counting), List.of());
        TradeEvent e = new TradeEvent(TradeEvent.Kind.STOP_LOSS, "EURUSD", 1, 2, Side.SELL, 0.1, 1.09, -10, "x", p.nowMillis());
        assertThrows(IllegalStateException.class, () -> g.onTradeEvent(e, p));
        assertEquals(1, seen.get(), "the rule after the broken one saw the event");
    }
}
