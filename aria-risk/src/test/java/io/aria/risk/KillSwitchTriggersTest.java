package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.Verdict;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("kill switch triggers")
class KillSwitchTriggersTest {

    private final TestPortfolio p = TestPortfolio.withDefaultPrices();
    private final Tick tick = new Tick("EURUSD", 0, 1.1, 1.1001, 0);

    static ExecutionReport report(ExecutionStatus status) {
        boolean fill = status.isFill();
        return new ExecutionReport("c1", "EURUSD", Side.BUY, status, 0, 0, 0, 1, fill ? 1 : 0, 1.1, fill ? 1.1 : 0, 0,
                0, 0, "", 0);
    }

    @Nested
    @DisplayName("daily loss")
    class DailyLoss {
        private final DailyLossGuard guard = new DailyLossGuard(0.05, ZoneId.of("UTC"));

        @Test
        void engagesWhenTheLossReachesFivePercentOfStartOfDayEquity() {
            p.now(Instant.parse("2026-11-24T00:00:01Z")).equity(100_000);
            guard.onTick(tick, p);
            p.equity(95_001);
            guard.onTick(tick, p);
            assertFalse(p.killSwitch().isEngaged());
            p.equity(95_000);
            guard.onTick(tick, p);
            assertTrue(p.killSwitch().isEngaged());
            assertEquals(RiskCodes.DAILY_LOSS, p.killSwitch().state().by());
            assertTrue(p.killSwitch().state().reason().contains("5.00% of start-of-day equity 100000.00"),
                    p.killSwitch().state().reason());
        }

        @Test
        void rejectsEntriesButNotExits_whileTheLossIsBeyondTheLimit() {
            p.equity(100_000);
            guard.onTick(tick, p);
            p.equity(90_000).position("EURUSD", 1);
            Verdict entry = guard.check(Orders.entry(p, "GBPUSD", Side.BUY, 0.1), p);
            assertInstanceOf(Verdict.Rejected.class, entry);
            assertEquals(RiskCodes.DAILY_LOSS, entry.code());
            assertInstanceOf(Verdict.Approved.class, guard.check(Orders.exit(p, "EURUSD", Side.SELL, 1), p));
        }

        @Test
        void onTheUtcDay_theEnginesStartOfDayEquityCounts() {
            p.now(Instant.parse("2026-11-24T15:00:00Z")).startOfDayEquity(100_000).equity(97_000);
            guard.onTick(tick, p);
            assertEquals(100_000, guard.startOfDayEquity());
            p.equity(95_000);
            guard.onTick(tick, p);
            assertTrue(p.killSwitch().isEngaged(), "5% below the engine's start of day");
        }

        @Test
        void aNewDay_startsFromTheEquityOfItsFirstTick_whenTheEngineHasNone() {
            p.startOfDayEquity(0);
            p.now(Instant.parse("2026-11-24T23:00:00Z")).equity(100_000);
            guard.onTick(tick, p);
            p.now(Instant.parse("2026-11-25T00:00:00Z")).equity(96_000);
            guard.onTick(tick, p);
            assertEquals(96_000, guard.startOfDayEquity());
            p.equity(91_300); // 4.9% below the new day's start, 8.7% below yesterday's
            guard.onTick(tick, p);
            assertFalse(p.killSwitch().isEngaged());
        }

        @Test
        void theBrokersDay_rollsAtItsOwnMidnight() {
            DailyLossGuard athens = new DailyLossGuard(0.05, ZoneId.of("Europe/Athens"));
            p.startOfDayEquity(120_000); // the engine's UTC figure does not apply to the broker's day
            p.now(Instant.parse("2026-11-24T21:59:00Z")).equity(100_000); // 23:59 in Athens
            athens.onTick(tick, p);
            p.now(Instant.parse("2026-11-24T22:00:00Z")).equity(97_000); // 00:00 in Athens: a new day
            athens.onTick(tick, p);
            assertEquals(97_000, athens.startOfDayEquity());
            assertEquals(Instant.parse("2026-11-24T22:00:00Z").toEpochMilli(), athens.dayStartMillis());
        }
    }

    @Nested
    @DisplayName("error rate")
    class ErrorRate {
        private final ErrorRateGuard guard = new ErrorRateGuard(0.2, 300_000, 10);

        @Test
        void engagesWhenMoreThanTwentyPercentFail_withAtLeastTenOrders() {
            for (int i = 0; i < 3; i++) {
                guard.onExecution(report(ExecutionStatus.REJECTED), p);
            }
            assertFalse(p.killSwitch().isEngaged(), "3 of 3 is too few orders to count");
            for (int i = 0; i < 6; i++) {
                guard.onExecution(report(ExecutionStatus.FILLED), p);
            }
            assertFalse(p.killSwitch().isEngaged(), "9 orders are still too few");
            guard.onExecution(report(ExecutionStatus.FILLED), p);
            assertTrue(p.killSwitch().isEngaged(), "3 of 10 = 30% > 20%");
            assertEquals(RiskCodes.ERROR_RATE, p.killSwitch().state().by());
            assertTrue(p.killSwitch().state().reason().contains("3 of 10"), p.killSwitch().state().reason());
        }

        @Test
        void exactlyTheLimit_doesNotEngage() {
            for (int i = 0; i < 8; i++) {
                guard.onExecution(report(ExecutionStatus.FILLED), p);
            }
            guard.onExecution(report(ExecutionStatus.ERROR), p);
            guard.onExecution(report(ExecutionStatus.REJECTED), p);
            assertFalse(p.killSwitch().isEngaged(), "2 of 10 = 20% is not above 20%");
        }

        @Test
        void oldOutcomesLeaveTheWindow_andUnknownOutcomesAreNotCounted() {
            for (int i = 0; i < 5; i++) {
                guard.onExecution(report(ExecutionStatus.REJECTED), p);
            }
            p.nowMillis(p.nowMillis() + 300_000);
            for (int i = 0; i < 10; i++) {
                guard.onExecution(report(ExecutionStatus.FILLED), p);
                guard.onExecution(report(ExecutionStatus.UNKNOWN), p);
            }
            assertEquals(10, guard.windowCount());
            assertEquals(0, guard.windowFailures());
            assertFalse(p.killSwitch().isEngaged());
        }
    }
}
