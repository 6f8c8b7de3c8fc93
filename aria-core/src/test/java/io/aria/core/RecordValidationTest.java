package io.aria.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.audit.AuditRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

@DisplayName("record validation names the field and shows the value")
class RecordValidationTest {

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    /** Expects an IllegalArgumentException whose message names the field and shows the value. */
    static void refused(String field, String value, Executable construct) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construct);
        assertTrue(e.getMessage().contains(field) && e.getMessage().contains(value),
                () -> "'" + e.getMessage() + "' should name " + field + " and show " + value);
    }

    /** Expects a NullPointerException whose message is the field's name. */
    static void missing(String field, Executable construct) {
        NullPointerException e = assertThrows(NullPointerException.class, construct);
        assertEquals(field, e.getMessage());
    }

    static Decision decision() {
        return Decision.of("EURUSD", 0, Direction.LONG, 0.8);
    }

    @Nested
    class TickRecord {
        @Test
        void symbolIsRequired_valuesAreCheckedByCheckValues() {
            missing("symbol", () -> new Tick(null, 0, 1, 1, 0));
            assertEquals(TickRejectReason.NON_FINITE, new Tick("X", 0, NAN, 1, 0).checkValues());
            assertEquals(TickRejectReason.NON_FINITE, new Tick("X", 0, 1, 1, INF).checkValues());
            assertEquals(TickRejectReason.NON_POSITIVE_PRICE, new Tick("X", 0, 0, 1, 0).checkValues());
            assertEquals(TickRejectReason.CROSSED, new Tick("X", 0, 1.1, 1.0, 0).checkValues());
            assertEquals(TickRejectReason.NEGATIVE_VOLUME, new Tick("X", 0, 1, 1.1, -1).checkValues());
            assertEquals(null, new Tick("X", 0, 1, 1.1, 0).checkValues());
        }

        @Test
        void derivedValues() {
            Tick t = new Tick("X", 0, 1.0, 1.2, 0);
            assertEquals(1.1, t.mid(), 1e-12);
            assertEquals(0.2, t.spread(), 1e-12);
            assertEquals(1.2, t.priceFor(Side.BUY));
            assertEquals(1.0, t.priceFor(Side.SELL));
        }
    }

    @Nested
    class ModelVoteRecord {
        @Test
        void everyField() {
            missing("model", () -> new ModelVote(null, 0, 0, 0, 0));
            refused("vote", "1.5", () -> new ModelVote("m", 1.5, 0, 0, 0));
            refused("vote", "NaN", () -> new ModelVote("m", NAN, 0, 0, 0));
            refused("confidence", "-0.1", () -> new ModelVote("m", 0, -0.1, 0, 0));
            refused("weight", "-1.0", () -> new ModelVote("m", 0, 0, -1, 0));
            refused("weight", "Infinity", () -> new ModelVote("m", 0, 0, INF, 0));
            refused("share", "2.0", () -> new ModelVote("m", 0, 0, 0, 2));
            assertDoesNotThrow(() -> new ModelVote("m", -1, 1, 0, 1));
        }
    }

    @Nested
    class DecisionRecord {
        @Test
        void everyField() {
            missing("symbol", () -> new Decision(null, 0, Direction.LONG, 0.5, 0.5, Regime.TREND, List.of(), Map.of()));
            missing("direction", () -> new Decision("X", 0, null, 0.5, 0.5, Regime.TREND, List.of(), Map.of()));
            refused("confidence", "1.1", () -> new Decision("X", 0, Direction.LONG, 1.1, 0.5, Regime.TREND, List.of(), Map.of()));
            refused("score", "-2.0", () -> new Decision("X", 0, Direction.LONG, 0.5, -2, Regime.TREND, List.of(), Map.of()));
            missing("regime", () -> new Decision("X", 0, Direction.LONG, 0.5, 0.5, null, List.of(), Map.of()));
            missing("votes", () -> new Decision("X", 0, Direction.LONG, 0.5, 0.5, Regime.TREND, null, Map.of()));
            missing("indicators", () -> new Decision("X", 0, Direction.LONG, 0.5, 0.5, Regime.TREND, List.of(), null));
        }

        @Test
        void ofSignsTheScore() {
            assertEquals(-0.4, Decision.of("X", 0, Direction.SHORT, 0.4).score(), 1e-12);
        }
    }

    @Nested
    class OrderIntentRecord {
        private OrderIntent intent(Side side, double volume, double ref, double sl, double tp) {
            return new OrderIntent("EURUSD", side, volume, ref, sl, tp, false, decision(), "note");
        }

        @Test
        void everyField() {
            missing("symbol", () -> new OrderIntent(null, Side.BUY, 1, 1, 0, 0, false, decision(), ""));
            missing("side", () -> new OrderIntent("X", null, 1, 1, 0, 0, false, decision(), ""));
            refused("volume", "0.0", () -> intent(Side.BUY, 0, 1, 0, 0));
            refused("referencePrice", "NaN", () -> intent(Side.BUY, 1, NAN, 0, 0));
            refused("stopLoss", "-1.0", () -> intent(Side.BUY, 1, 1, -1, 0));
            refused("takeProfit", "-1.0", () -> intent(Side.BUY, 1, 1, 0, -1));
            missing("decision", () -> new OrderIntent("X", Side.BUY, 1, 1, 0, 0, false, null, ""));
            missing("sizingNote", () -> new OrderIntent("X", Side.BUY, 1, 1, 0, 0, false, decision(), null));
        }

        @Test
        void stopsMustBeOnTheRightSide() {
            refused("stopLoss", "1.2", () -> intent(Side.BUY, 1, 1.1, 1.2, 0));
            refused("stopLoss", "1.0", () -> intent(Side.SELL, 1, 1.1, 1.0, 0));
            refused("takeProfit", "1.0", () -> intent(Side.BUY, 1, 1.1, 0, 1.0));
            refused("takeProfit", "1.2", () -> intent(Side.SELL, 1, 1.1, 0, 1.2));
            assertDoesNotThrow(() -> intent(Side.BUY, 1, 1.1, 1.0, 1.2));
            assertDoesNotThrow(() -> intent(Side.SELL, 1, 1.1, 1.2, 1.0));
        }

        @Test
        void withVolumeValidatesToo() {
            assertEquals(0.5, intent(Side.BUY, 1, 1.1, 0, 0).withVolume(0.5).volume());
            refused("volume", "-1.0", () -> intent(Side.BUY, 1, 1.1, 0, 0).withVolume(-1));
        }
    }

    @Nested
    class OrderRequestRecord {
        private OrderRequest req(String id, double vol, double price, int dev, long magic, String comment, long pos) {
            return new OrderRequest(id, "EURUSD", Side.BUY, vol, price, 0, 0, dev, magic, comment, pos);
        }

        @Test
        void everyField() {
            refused("clientOrderId", "null", () -> req(null, 1, 1, 0, 0, "", 0));
            refused("clientOrderId", "32", () -> req("x".repeat(32), 1, 1, 0, 0, "", 0));
            missing("symbol", () -> new OrderRequest("id", null, Side.BUY, 1, 1, 0, 0, 0, 0, "", 0));
            missing("side", () -> new OrderRequest("id", "X", null, 1, 1, 0, 0, 0, 0, "", 0));
            refused("volume", "-0.1", () -> req("id", -0.1, 1, 0, 0, "", 0));
            refused("requestedPrice", "0.0", () -> req("id", 1, 0, 0, 0, "", 0));
            refused("stopLoss", "NaN", () -> new OrderRequest("id", "X", Side.BUY, 1, 1, NAN, 0, 0, 0, "", 0));
            refused("takeProfit", "-2.0", () -> new OrderRequest("id", "X", Side.BUY, 1, 1, 0, -2, 0, 0, "", 0));
            refused("maxDeviationPoints", "-1", () -> req("id", 1, 1, -1, 0, "", 0));
            refused("magic", "-5", () -> req("id", 1, 1, 0, -5, "", 0));
            missing("comment", () -> req("id", 1, 1, 0, 0, null, 0));
            refused("comment", "40", () -> req("id", 1, 1, 0, 0, "c".repeat(40), 0));
            refused("positionTicket", "-7", () -> req("id", 1, 1, 0, 0, "", -7));
            assertDoesNotThrow(() -> req("x".repeat(31), 1, 1, 0, 0, "c".repeat(31), 0));
        }

        @Test
        void copies() {
            OrderRequest r = OrderRequest.market("id-1", "EURUSD", Side.BUY, 0.1, 1.1);
            assertEquals("id-1", r.comment());
            assertEquals(1.0, r.withStops(1.0, 1.2).stopLoss());
            assertEquals(42, r.closing(42).positionTicket());
        }
    }

    @Nested
    class ExecutionReportRecord {
        private ExecutionReport report(ExecutionStatus status, double reqVol, double filled, double reqPrice,
                double fill, double slip, long latency) {
            return new ExecutionReport("id", "EURUSD", Side.BUY, status, 1, 2, 3, reqVol, filled, reqPrice, fill, slip,
                    latency, 10009, "done", 0);
        }

        @Test
        void everyField() {
            refused("clientOrderId", "''", () -> new ExecutionReport("", "X", Side.BUY, ExecutionStatus.FILLED, 0, 0, 0,
                    1, 1, 1, 1, 0, 0, 0, "", 0));
            missing("symbol", () -> new ExecutionReport("id", null, Side.BUY, ExecutionStatus.FILLED, 0, 0, 0,
                    1, 1, 1, 1, 0, 0, 0, "", 0));
            missing("side", () -> new ExecutionReport("id", "X", null, ExecutionStatus.FILLED, 0, 0, 0,
                    1, 1, 1, 1, 0, 0, 0, "", 0));
            missing("status", () -> new ExecutionReport("id", "X", Side.BUY, null, 0, 0, 0,
                    1, 1, 1, 1, 0, 0, 0, "", 0));
            refused("requestedVolume", "0.0", () -> report(ExecutionStatus.FILLED, 0, 0, 1, 1, 0, 0));
            refused("filledVolume", "2.0", () -> report(ExecutionStatus.FILLED, 1, 2, 1, 1, 0, 0));
            refused("requestedPrice", "-1.0", () -> report(ExecutionStatus.FILLED, 1, 1, -1, 1, 0, 0));
            refused("fillPrice", "-1.0", () -> report(ExecutionStatus.FILLED, 1, 1, 1, -1, 0, 0));
            refused("slippage", "NaN", () -> report(ExecutionStatus.FILLED, 1, 1, 1, 1, NAN, 0));
            refused("latencyNanos", "-1", () -> report(ExecutionStatus.FILLED, 1, 1, 1, 1, 0, -1));
            missing("message", () -> new ExecutionReport("id", "X", Side.BUY, ExecutionStatus.FILLED, 0, 0, 0,
                    1, 1, 1, 1, 0, 0, 0, null, 0));
        }

        @Test
        void fillsNeedVolumeAndPrice_othersNoVolume() {
            refused("filledVolume", "0.0", () -> report(ExecutionStatus.FILLED, 1, 0, 1, 1, 0, 0));
            refused("fillPrice", "0.0", () -> report(ExecutionStatus.FILLED, 1, 1, 1, 0, 0, 0));
            refused("filledVolume", "1.0", () -> report(ExecutionStatus.REJECTED, 1, 1, 1, 1, 0, 0));
            OrderRequest r = OrderRequest.market("id", "EURUSD", Side.SELL, 1, 1.1);
            ExecutionReport n = ExecutionReport.notFilled(r, ExecutionStatus.REJECTED, 10004, "requote", 5, 0);
            assertEquals(0, n.filledVolume());
            refused("status", "FILLED", () -> ExecutionReport.notFilled(r, ExecutionStatus.FILLED, 0, "", 0, 0));
            assertEquals(2.0, report(ExecutionStatus.FILLED, 1, 1, 1, 1, 0.0002, 0).slippagePoints(0.0001), 1e-9);
        }
    }

    @Nested
    class PositionRecord {
        private Position pos(long ticket, double vol, double open, double sl, double tp, double cur, double profit) {
            return new Position(ticket, "EURUSD", Side.BUY, vol, open, 0, sl, tp, cur, profit, "", 0);
        }

        @Test
        void everyField() {
            refused("ticket", "0", () -> pos(0, 1, 1, 0, 0, 1, 0));
            missing("symbol", () -> new Position(1, null, Side.BUY, 1, 1, 0, 0, 0, 1, 0, "", 0));
            missing("side", () -> new Position(1, "X", null, 1, 1, 0, 0, 0, 1, 0, "", 0));
            refused("volume", "0.0", () -> pos(1, 0, 1, 0, 0, 1, 0));
            refused("openPrice", "NaN", () -> pos(1, 1, NAN, 0, 0, 1, 0));
            refused("stopLoss", "-1.0", () -> pos(1, 1, 1, -1, 0, 1, 0));
            refused("takeProfit", "-1.0", () -> pos(1, 1, 1, 0, -1, 1, 0));
            refused("currentPrice", "0.0", () -> pos(1, 1, 1, 0, 0, 0, 0));
            refused("profit", "Infinity", () -> pos(1, 1, 1, 0, 0, 1, INF));
            missing("clientOrderId", () -> new Position(1, "X", Side.BUY, 1, 1, 0, 0, 0, 1, 0, null, 0));
            assertEquals(-2.0, new Position(1, "X", Side.SELL, 2, 1, 0, 0, 0, 1, 0, "", 0).signedVolume());
        }
    }

    @Nested
    class AccountSnapshotRecord {
        @Test
        void everyField() {
            refused("currency", "null", () -> new AccountSnapshot(null, 0, 0, 0, 0, 1, 0));
            refused("balance", "NaN", () -> new AccountSnapshot("USD", NAN, 0, 0, 0, 1, 0));
            refused("equity", "Infinity", () -> new AccountSnapshot("USD", 0, INF, 0, 0, 1, 0));
            refused("margin", "-1.0", () -> new AccountSnapshot("USD", 0, 0, -1, 0, 1, 0));
            refused("freeMargin", "NaN", () -> new AccountSnapshot("USD", 0, 0, 0, NAN, 1, 0));
            refused("leverage", "0", () -> new AccountSnapshot("USD", 0, 0, 0, 0, 0, 0));
            assertEquals(200.0, new AccountSnapshot("USD", 1000, 1000, 500, 500, 30, 0).marginLevelPercent());
            assertEquals(INF, new AccountSnapshot("USD", 1000, 1000, 0, 1000, 30, 0).marginLevelPercent());
        }
    }

    @Nested
    class TradeEventRecord {
        private TradeEvent event(long pos, double vol, double price, double profit) {
            return new TradeEvent(TradeEvent.Kind.STOP_LOSS, "EURUSD", pos, 0, Side.SELL, vol, price, profit, "", 0);
        }

        @Test
        void everyField() {
            missing("kind", () -> new TradeEvent(null, "X", 1, 0, Side.SELL, 1, 1, 0, "", 0));
            missing("symbol", () -> new TradeEvent(TradeEvent.Kind.STOP_OUT, null, 1, 0, Side.SELL, 1, 1, 0, "", 0));
            refused("positionTicket", "-1", () -> event(-1, 1, 1, 0));
            missing("side", () -> new TradeEvent(TradeEvent.Kind.STOP_OUT, "X", 1, 0, null, 1, 1, 0, "", 0));
            refused("volume", "0.0", () -> event(1, 0, 1, 0));
            refused("price", "NaN", () -> event(1, 1, NAN, 0));
            refused("profit", "NaN", () -> event(1, 1, 1, NAN));
            missing("clientOrderId", () -> new TradeEvent(TradeEvent.Kind.STOP_OUT, "X", 1, 0, Side.SELL, 1, 1, 0, null, 0));
        }
    }

    @Nested
    class VerdictRecords {
        @Test
        void everyVariant() {
            refused("code", "''", () -> Verdict.approve("", "m"));
            missing("message", () -> Verdict.approve("OK", null));
            refused("volume", "0.0", () -> Verdict.resize(0, "SIZE", "m"));
            refused("code", "null", () -> Verdict.resize(1, null, "m"));
            missing("message", () -> Verdict.resize(1, "SIZE", null));
            refused("code", "' '", () -> Verdict.reject(" ", "m"));
            missing("message", () -> Verdict.reject("NO", null));
            assertEquals("OK", Verdict.approve().code());
        }
    }

    @Nested
    class KillSwitchState {
        @Test
        void everyField() {
            missing("reason", () -> new KillSwitch.State(true, null, "api", 0));
            missing("by", () -> new KillSwitch.State(true, "r", null, 0));
        }
    }

    @Nested
    class AuditRecords {
        @Test
        void everyField() {
            OrderIntent intent = new OrderIntent("EURUSD", Side.BUY, 1, 1.1, 0, 0, false, decision(), "");
            OrderRequest request = OrderRequest.market("id", "EURUSD", Side.BUY, 1, 1.1);
            missing("decision", () -> new AuditRecord.DecisionLogged(0, null, false));
            missing("request", () -> new AuditRecord.OrderSubmitted(0, null, intent, Verdict.approve()));
            missing("intent", () -> new AuditRecord.OrderSubmitted(0, request, null, Verdict.approve()));
            missing("verdict", () -> new AuditRecord.OrderBlocked(0, intent, null));
            missing("report", () -> new AuditRecord.OrderCompleted(0, null, intent));
            missing("event", () -> new AuditRecord.TradeEventRecorded(0, null));
            missing("action", () -> new AuditRecord.ControlAction(0, null, "api", ""));
            missing("by", () -> new AuditRecord.ControlAction(0, "A", null, ""));
            missing("detail", () -> new AuditRecord.ControlAction(0, "A", "api", null));
            assertTrue(new AuditRecord.DecisionLogged(0, decision(), true).isDecisionLog());
        }
    }
}
