package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.Verdict;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the daily-loss halt lasts until the next trading day, not for the rest of the run")
class DailyLossResetTest {

    private final TestPortfolio p = TestPortfolio.withDefaultPrices();

    private static Tick tick(TestPortfolio p) {
        return new Tick("EURUSD", p.nowMillis(), 1.1, 1.1001, 0);
    }

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void aFiveDaySteppedRun_haltedForTheRestOfDayOne_tradingAgainOnDayTwo() {
        // the whole default layer, stepped hour by hour over five UTC days (Tuesday to Saturday; BTCUSD trades
        // every hour); day 1 loses 6% at 10:00. The test stands in for the pipeline, which lifts a timed halt
        // on its tick path (releaseIfExpired); the guard itself never releases the switch.
        RiskLayer layer = RiskLayer.defaults(p.catalog());
        long start = ms("2026-11-24T00:30:00Z");
        p.nowMillis(start).equity(100_000).startOfDayEquity(100_000);
        List<String> entriesByHour = new ArrayList<>();
        for (int h = 0; h < 5 * 24; h++) {
            long now = start + h * 3_600_000L;
            int day = h / 24 + 1;
            if (h % 24 == 0) {
                p.startOfDayEquity(p.equity()); // the engine's figure at UTC midnight
            }
            p.nowMillis(now);
            p.killSwitch().releaseIfExpired(now); // as the pipeline does on each tick
            if (day == 1 && h == 10) {
                p.equity(94_000);
            }
            layer.guard().onTick(tick(p), p);
            Verdict v = layer.guard().check(Orders.entry(p, "BTCUSD", Side.BUY, 0.01), p);
            entriesByHour.add(day + ":" + (h % 24) + ":" + v.code());
            boolean halted = day == 1 && h >= 10;
            assertEquals(halted, p.killSwitch().isEngaged(), "kill switch on day " + day + " hour " + h % 24);
            if (halted) {
                assertEquals(RiskCodes.KILL_SWITCH, v.code(), "entry on day 1 at hour " + h);
            } else {
                assertEquals("OK", v.code(), "entry on day " + day + " hour " + h % 24 + ": " + v);
            }
        }
        assertTrue(entriesByHour.contains("2:0:OK"), "the first hour of day 2 trades");
        assertTrue(entriesByHour.contains("5:23:OK"), "and so does the last hour of day 5");
        assertEquals(0, p.killSwitch().state().untilEpochMillis(), "the halt was lifted, not left timed");
    }

    @Test
    void theHaltIsTimedToTheNextDayBoundary_andTheReasonSaysSo() {
        DailyLossGuard g = new DailyLossGuard(0.05, ZoneId.of("UTC"));
        p.now(Instant.parse("2026-11-24T09:00:00Z")).equity(100_000).startOfDayEquity(100_000);
        g.onTick(tick(p), p);
        p.equity(95_000);
        g.onTick(tick(p), p);
        assertTrue(p.killSwitch().isEngaged());
        assertEquals(ms("2026-11-25T00:00:00Z"), p.killSwitch().state().untilEpochMillis());
        assertTrue(p.killSwitch().state().reason().contains("halted until 2026-11-25T00:00:00Z"),
                p.killSwitch().state().reason());
        assertFalse(p.killSwitch().releaseIfExpired(ms("2026-11-24T23:59:59.999Z")), "still day 1");
        assertTrue(p.killSwitch().releaseIfExpired(ms("2026-11-25T00:00:00Z")), "lifted as the pipeline lifts it");
    }

    @Test
    void aManualEngage_isNeverLiftedByTheNewDay() {
        RiskLayer layer = RiskLayer.defaults(p.catalog());
        p.now(Instant.parse("2026-11-24T09:00:00Z")).equity(100_000);
        layer.guard().onTick(tick(p), p);
        p.killSwitch().engage("operator", "stop for the news");
        p.equity(90_000);
        layer.guard().onTick(tick(p), p); // the daily-loss trigger fires into an engaged switch: the manual state stays
        p.now(Instant.parse("2026-11-25T01:00:00Z")).startOfDayEquity(90_000);
        layer.guard().onTick(tick(p), p);
        p.killSwitch().releaseIfExpired(p.nowMillis());
        assertTrue(p.killSwitch().isEngaged(), "a manual engage needs a deliberate release");
        assertEquals("operator", p.killSwitch().state().by());
        assertEquals(RiskCodes.KILL_SWITCH, layer.guard().check(Orders.entry(p, "EURUSD", Side.BUY, 0.01), p).code());
    }

    @Test
    void aConfiguredDayBoundary_bothEndsTheHaltAndStartsTheDaysEquity() {
        // the forex day: 17:00 New York (22:00 UTC in November)
        RiskConfig c = RiskConfig.fromJson("{ \"killSwitch\": { \"dayZone\": \"America/New_York\", \"dayStart\": \"17:00\" } }");
        assertEquals(LocalTime.of(17, 0), c.killSwitch().dayStart());
        RiskLayer layer = RiskLayer.fromConfig(c, p.catalog());
        // the engine's UTC-midnight figure must not be used on this day
        p.now(Instant.parse("2026-11-24T15:00:00Z")).equity(100_000).startOfDayEquity(120_000);
        layer.guard().onTick(tick(p), p);
        assertEquals(100_000, layer.dailyLoss().startOfDayEquity(), "the guard's own start of day");
        assertEquals(ms("2026-11-23T22:00:00Z"), layer.dailyLoss().dayStartMillis());
        p.equity(94_000);
        layer.guard().onTick(tick(p), p);
        assertTrue(p.killSwitch().isEngaged());
        assertEquals(ms("2026-11-24T22:00:00Z"), p.killSwitch().state().untilEpochMillis());
        p.now(Instant.parse("2026-11-24T21:59:00Z"));
        layer.guard().onTick(tick(p), p);
        assertTrue(p.killSwitch().isEngaged(), "still the same New York day at 16:59");
        p.now(Instant.parse("2026-11-24T22:00:00Z")).equity(93_000);
        assertFalse(layer.dailyLoss().startOfDayEquity() == 93_000, "not yet the new day's equity");
        p.killSwitch().releaseIfExpired(p.nowMillis()); // as the pipeline does on each tick
        layer.guard().onTick(tick(p), p);
        assertFalse(p.killSwitch().isEngaged(), "a new day at 17:00 New York");
        assertEquals(93_000, layer.dailyLoss().startOfDayEquity(), "the new day starts from the equity at 17:00");
        assertEquals("OK", layer.guard().check(Orders.entry(p, "EURUSD", Side.BUY, 0.01), p).code());
    }

    @Test
    void aDayStartInADaylightSavingGap_startsTheDayAtTheShiftedTime() {
        // 02:30 does not exist in New York on 2026-03-08; that day starts at 03:30 local (07:30 UTC)
        DailyLossGuard g = new DailyLossGuard(0.05, ZoneId.of("America/New_York"), LocalTime.of(2, 30));
        p.now(Instant.parse("2026-03-08T07:10:00Z")).equity(100_000); // 03:10 local: still the day before
        g.onTick(tick(p), p);
        assertEquals(ms("2026-03-07T07:30:00Z"), g.dayStartMillis());
        assertEquals(ms("2026-03-08T07:30:00Z"), g.dayEndMillis());
    }
}
