package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.Side;
import io.aria.core.Verdict;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("exposure limits")
class ExposureLimitGuardTest {

    private final TestPortfolio p = TestPortfolio.withDefaultPrices();

    private static Verdict check(RiskConfig c, TestPortfolio p, String symbol, Side side, double lots) {
        return new ExposureLimitGuard(c).check(Orders.entry(p, symbol, side, lots), p);
    }

    @Test
    void aPositionAboveTheClassShare_isResizedToTheLargestStepThatFits() {
        // 3 lots EURUSD = 330,018 USD notional, at 30:1 a margin of 11,000.60 = 11% of equity; 10% margin
        // of equity after the spread (3 lots pay 36 USD) is a notional of 299,892 USD = 2.726 lots
        Verdict v = check(RiskConfig.defaults(), p, "EURUSD", Side.BUY, 3);
        Verdict.Resized r = assertInstanceOf(Verdict.Resized.class, v);
        assertEquals(2.72, r.volume(), 1e-12);
        assertEquals(RiskCodes.POSITION_SIZE, r.code());
        assertTrue(r.message().contains("at 30.0000:1 is margin 11000.60"), r.message());
        assertTrue(r.message().contains("FOREX limit 10.00%"), r.message());
        assertTrue(r.message().contains("volume 3 -> 2.72"), r.message());
    }

    @Test
    void anOrderWithinEveryLimit_isApproved() {
        assertEquals("OK", check(RiskConfig.defaults(), p, "EURUSD", Side.SELL, 2.72).code());
    }

    @Test
    void orderNotional_isCapped() {
        RiskConfig c = RiskConfig.fromJson("{ \"maxOrderNotional\": 5000 }");
        Verdict.Resized r = assertInstanceOf(Verdict.Resized.class, check(c, p, "EURUSD", Side.BUY, 0.09));
        assertEquals(0.04, r.volume(), 1e-12);
        assertEquals(RiskCodes.ORDER_NOTIONAL, r.code());
    }

    @Test
    void classLeverage_countsTheClassesOtherPositions() {
        // the seed's limits: GBPUSD short 22 lots = 2,860,000 USD is 28.6x; 30x of equity after the spread
        // leaves 140,000 USD, and each EURUSD lot adds 110,006 USD and costs 12 USD: 1.2685 lots
        p.position("GBPUSD", -22);
        Verdict.Resized r = assertInstanceOf(Verdict.Resized.class,
                check(RiskConfig.defaults(), p, "EURUSD", Side.BUY, 2.72));
        assertEquals(1.26, r.volume(), 1e-12);
        assertEquals(RiskCodes.CLASS_LEVERAGE, r.code());
    }

    @Test
    void accountLeverage_countsEveryPosition() {
        RiskConfig c = RiskConfig.fromJson("{ \"maxAccountLeverage\": 0.2 }");
        p.position("XAUUSD", 0.05).position("US30", 0.1); // 10,000 + 4,000 USD
        Verdict.Resized r = assertInstanceOf(Verdict.Resized.class, check(c, p, "EURUSD", Side.BUY, 0.09));
        assertEquals(0.05, r.volume(), 1e-12);
        assertEquals(RiskCodes.ACCOUNT_LEVERAGE, r.code());
    }

    @Test
    void whenNotEvenTheMinimumVolumeFits_theOrderIsRejected() {
        p.equity(1_000); // 5% of 1,000 USD at 5:1 is a notional of 250 USD; 0.01 BTC is 600 USD
        Verdict v = check(RiskConfig.defaults(), p, "BTCUSD", Side.BUY, 0.01);
        assertInstanceOf(Verdict.Rejected.class, v);
        assertEquals(RiskCodes.POSITION_SIZE, v.code());
        assertTrue(v.message().contains("not even the minimum volume 0.01 fits"), v.message());
    }

    @Test
    void maxOpenPositions_blocksANewSymbol_notAnAddition() {
        RiskConfig c = RiskConfig.fromJson("{ \"maxOpenPositions\": 2 }");
        p.position("EURUSD", 0.01).position("GBPUSD", 0.01);
        assertEquals(RiskCodes.MAX_POSITIONS, check(c, p, "USDJPY", Side.BUY, 0.01).code());
        assertEquals("OK", check(c, p, "EURUSD", Side.BUY, 0.01).code());
    }

    @Test
    void anAlreadyOversizedPosition_cannotGrow_butCanShrink() {
        p.position("EURUSD", 5); // 550,000 USD, above the 300,000 a forex position may be
        assertInstanceOf(Verdict.Rejected.class, check(RiskConfig.defaults(), p, "EURUSD", Side.BUY, 0.01));
        assertInstanceOf(Verdict.Approved.class, check(RiskConfig.defaults(), p, "EURUSD", Side.SELL, 3));
        assertEquals(RiskCodes.REDUCING, check(RiskConfig.defaults(), p, "EURUSD", Side.SELL, 3).code());
    }

    @Test
    void withoutAConversionRate_anEntryIsRejected() {
        TestPortfolio bare = new TestPortfolio(p.catalog()).quote("EURJPY", 165.0); // no USDJPY price yet
        Verdict v = check(RiskConfig.defaults(), bare, "EURJPY", Side.BUY, 0.01);
        assertEquals(RiskCodes.NO_PRICE, v.code());
    }
}
