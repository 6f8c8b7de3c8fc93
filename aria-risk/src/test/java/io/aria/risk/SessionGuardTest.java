package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.aria.core.Side;
import io.aria.core.Verdict;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("sessions and spreads")
class SessionGuardTest {

    private final TestPortfolio p = TestPortfolio.withDefaultPrices();
    private final SessionGuard guard = new SessionGuard(RiskConfig.defaults().sessions());

    private String code(String symbol, String time) {
        p.now(Instant.parse(time));
        return guard.check(Orders.entry(p, symbol, Side.BUY, 0.1), p).code();
    }

    @Test
    void forex_isClosedAtTheWeekend_andOpenOnWeekdays() {
        assertEquals(RiskCodes.SESSION_CLOSED, code("EURUSD", "2026-11-28T12:00:00Z")); // Saturday
        assertEquals("OK", code("EURUSD", "2026-11-25T12:00:00Z"));
    }

    @Test
    void forex_takesNoNewPositionInTheLastMinutesBeforeTheWeeklyClose() {
        // Friday 17:00 New York = 22:00 UTC in November
        assertEquals(RiskCodes.SESSION_CLOSING, code("EURUSD", "2026-11-27T21:50:00Z"));
        assertEquals("OK", code("EURUSD", "2026-11-27T21:40:00Z"));
    }

    @Test
    void indices_followExchangeHours() {
        // GER40 trades 01:15-22:00 Berlin (UTC+1 in November)
        assertEquals(RiskCodes.SESSION_CLOSED, code("GER40", "2026-11-24T23:30:00Z"));
        assertEquals("OK", code("GER40", "2026-11-24T10:00:00Z"));
    }

    @Test
    void crypto_tradesAroundTheClock() {
        assertEquals("OK", code("BTCUSD", "2026-11-28T03:00:00Z"));
    }

    @Test
    void aWideSpread_blocksEntries_butNotExits() {
        p.tick("EURUSD", 1.1, 1.1 + 0.00037); // > 3 x 0.00012
        Verdict v = guard.check(Orders.entry(p, "EURUSD", Side.BUY, 0.1), p);
        assertEquals(RiskCodes.SPREAD_TOO_WIDE, v.code());
        p.position("EURUSD", 0.1);
        assertInstanceOf(Verdict.Approved.class, guard.check(Orders.exit(p, "EURUSD", Side.SELL, 0.1), p));
    }

    @Test
    void closedMarkets_stillLetPositionsClose() {
        p.now(Instant.parse("2026-11-28T12:00:00Z")).position("EURUSD", -0.5);
        assertInstanceOf(Verdict.Approved.class, guard.check(Orders.exit(p, "EURUSD", Side.BUY, 0.5), p));
        // an unflagged order that only shrinks the position counts as reducing too
        assertInstanceOf(Verdict.Approved.class, guard.check(Orders.entry(p, "EURUSD", Side.BUY, 0.2), p));
    }
}
