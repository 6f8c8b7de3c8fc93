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
        // 0.2 lots EURUSD = 22,001 USD; 10% of equity after the spread (99,997.60) allows 0.0909 lots
        Verdict v = check(RiskConfig.defaults(), p, "EURUSD", Side.BUY, 0.2);
        Verdict.Resized r = assertInstanceOf(Verdict.Resized.class, v);
        assertEquals(0.09, r.volume(), 1e-12);
        assertEquals(RiskCodes.POSITION_SIZE, r.code());
        assertTrue(r.message().contains("FOREX limit 10.00%"), r.message());
        assertTrue(r.message().contains("volume 0.2 -> 0.09"), r.message());
    }

    @Test
    void anOrderWithinEveryLimit_isApproved() {
        assertEquals("OK", check(RiskConfig.defaults(), p, "EURUSD", Side.SELL, 0.09).code());
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
        RiskConfig c = RiskConfig.fromJson("{ \"classLimits\": { \"FOREX\": { \"maxLeverage\": 0.15 } } }");
        p.position("GBPUSD", -0.05); // 6,500 USD
        Verdict.Resized r = assertInstanceOf(Verdict.Resized.class, check(c, p, "EURUSD", Side.BUY, 0.09));
        assertEquals(0.07, r.volume(), 1e-12);
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
        p.equity(1_000); // 5% of 1,000 USD is 50 USD; 0.01 BTC is 600 USD
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
        p.position("EURUSD", 0.5);
        assertInstanceOf(Verdict.Rejected.class, check(RiskConfig.defaults(), p, "EURUSD", Side.BUY, 0.01));
        assertInstanceOf(Verdict.Approved.class, check(RiskConfig.defaults(), p, "EURUSD", Side.SELL, 0.3));
        assertEquals(RiskCodes.REDUCING, check(RiskConfig.defaults(), p, "EURUSD", Side.SELL, 0.3).code());
    }

    @Test
    void withoutAConversionRate_anEntryIsRejected() {
        TestPortfolio bare = new TestPortfolio(p.catalog()).quote("EURJPY", 165.0); // no USDJPY price yet
        Verdict v = check(RiskConfig.defaults(), bare, "EURJPY", Side.BUY, 0.01);
        assertEquals(RiskCodes.NO_PRICE, v.code());
    }
}
