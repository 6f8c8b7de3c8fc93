package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AccountMode;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.TradeReturnCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, finding 4: a known client order id with a different symbol, side, volume or position
 * is a conflict, refused, never answered as a duplicate with another order's fill. Two
 * independent clients (each its own connection and gateway) share one terminal; the ids collide
 * on purpose, as an old id generator or a buggy program would make them.
 */
@DisplayName("a known client order id with other contents is a conflict, never a duplicate")
class ClientOrderIdConflictTest {

    private Harness h;
    private Mt5Connection other;
    private final List<Mt5Connection> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        h = new Harness(AccountMode.HEDGING);
        other = client();
    }

    /** Another client process: its own connection, gateway and id table. */
    private Mt5Connection client() {
        Mt5Connection c = Mt5Connection.open(Mt5Config.builder().commandEndpoint(h.terminal.commandEndpoint())
                .eventEndpoint(h.terminal.eventEndpoint()).symbols(Harness.SYMBOLS)
                .heartbeatInterval(Duration.ofMillis(200)).requestTimeout(Duration.ofSeconds(2))
                .orderTimeout(Duration.ofMillis(1500)).clock(Harness.WEDNESDAY).build());
        clients.add(c);
        Harness.get(c.connect());
        return c;
    }

    @AfterEach
    void tearDown() {
        try {
            h.assertInvariants();
        } finally {
            clients.forEach(Mt5Connection::close);
            h.close();
        }
    }

    private ExecutionReport submitOther(OrderRequest r) {
        return Harness.get(other.gateway().submit(r));
    }

    /** Submits from a client that never used the id before, so the terminal alone decides. */
    private ExecutionReport submitFresh(OrderRequest r) {
        return Harness.get(client().gateway().submit(r));
    }

    private static void assertConflict(ExecutionReport r) {
        assertEquals(ExecutionStatus.REJECTED, r.status(), r.toString());
        assertTrue(r.message().contains("conflict"), "says conflict: " + r.message());
        assertTrue(r.message().contains(r.clientOrderId()), "names the id: " + r.message());
    }

    @Test
    void secondClientsOtherSymbolUnderAKnownId_isRefusedAndTheFirstFillStaysTheFirsts() {
        String id = Harness.cid("shared");
        ExecutionReport eur = h.submit(h.market(id, "EURUSD", Side.BUY, 0.1));
        assertEquals(ExecutionStatus.FILLED, eur.status(), eur.toString());

        ExecutionReport xau = submitOther(h.market(id, "XAUUSD", Side.SELL, 0.2));

        assertConflict(xau);
        assertEquals(0, xau.filledVolume());
        assertEquals(0, xau.positionTicket(), "the conflict names no position of the other client");
        assertEquals(1, h.terminal.executions(id));
        assertEquals(1, h.terminal.conflictsSeen());
        List<Position> ps = h.terminal.positions();
        assertEquals(1, ps.size(), ps.toString());
        assertEquals("EURUSD", ps.get(0).symbol());
        // the id still belongs to the first order: its resend is answered as a duplicate, not a conflict
        ExecutionReport again = submitFresh(h.market(id, "EURUSD", Side.BUY, 0.1));
        assertEquals(ExecutionStatus.FILLED, again.status(), again.toString());
        assertEquals(eur.positionTicket(), again.positionTicket());
        assertEquals(1, h.terminal.executions(id), "a resend never trades again");
    }

    @Test
    void otherSide_otherVolume_otherPosition_areEachAConflict() {
        String id = Harness.cid("shared");
        ExecutionReport eur = h.submit(h.market(id, "EURUSD", Side.BUY, 0.1));
        assertConflict(submitOther(h.market(id, "EURUSD", Side.SELL, 0.1)));
        assertConflict(submitFresh(h.market(id, "EURUSD", Side.BUY, 0.3)));
        assertConflict(submitFresh(h.market(id, "EURUSD", Side.SELL, 0.1).closing(eur.positionTicket())));
        assertEquals(3, h.terminal.conflictsSeen());
        assertEquals(1, h.terminal.executions(id));
        assertEquals(0.1, h.terminal.positions().get(0).volume(), 1e-9, "nothing closed the position");
    }

    @Test
    void aResendWithAFreshPriceAndOtherStops_isTheSameOrder() {
        String id = Harness.cid("resend");
        OrderRequest first = h.market(id, "EURUSD", Side.BUY, 0.1);
        ExecutionReport a = h.submit(first);
        double[] q = h.terminal.quote("EURUSD");
        ExecutionReport b = submitOther(new OrderRequest(id, "EURUSD", Side.BUY, 0.1, q[1] + 0.0003, q[0] - 0.01,
                q[1] + 0.01, 20, 0, id, 0));
        assertEquals(ExecutionStatus.FILLED, b.status(), b.toString());
        assertEquals(a.positionTicket(), b.positionTicket());
        assertEquals(0, h.terminal.conflictsSeen());
    }

    @Test
    void anIdWhoseOrderWasRefused_isFreeOnlyForTheSameOrder() {
        String id = Harness.cid("refused");
        h.terminal.faults().reject(1, TradeReturnCode.NO_MONEY);
        ExecutionReport refused = h.submit(h.market(id, "EURUSD", Side.BUY, 0.1));
        assertEquals(TradeReturnCode.NO_MONEY, refused.returnCode(), refused.toString());

        // another client's order under the refused id would later be answered to the first as its fill
        assertConflict(submitOther(h.market(id, "XAUUSD", Side.SELL, 0.2)));
        assertEquals(0, h.terminal.executions(id));
        ExecutionReport retried = submitFresh(h.market(id, "EURUSD", Side.BUY, 0.1));
        assertEquals(ExecutionStatus.FILLED, retried.status(), "the same order may try again: " + retried);
        h.submitted.remove(id); // h's own report stays the refusal; the fill was the other client's resend
    }

    @Test
    void afterAnEaRestart_theHistoryStillRefusesAConflict() {
        String id = Harness.cid("hist");
        ExecutionReport eur = h.submit(h.market(id, "EURUSD", Side.BUY, 0.1));
        h.terminal.faults().partialFill(0.5);
        String part = Harness.cid("part");
        ExecutionReport half = h.submit(h.market(part, "USDJPY", Side.SELL, 0.2));
        assertEquals(ExecutionStatus.PARTIALLY_FILLED, half.status(), half.toString());
        String before = other.session().orElseThrow().session();
        h.terminal.restart(); // the in-memory id table is gone; positions and history stay
        Await.until(() -> other.state() == ConnectionState.CONNECTED
                && !other.session().orElseThrow().session().equals(before), "the other client to handshake again");

        assertConflict(submitOther(h.market(id, "XAUUSD", Side.BUY, 0.1)));
        ExecutionReport dup = submitFresh(h.market(id, "EURUSD", Side.BUY, 0.1));
        assertEquals(eur.positionTicket(), dup.positionTicket(), "the same order is still a duplicate: " + dup);
        // a partial fill's resend compares with the requested volume, as the history order keeps it
        ExecutionReport partDup = submitOther(h.market(part, "USDJPY", Side.SELL, 0.2));
        assertEquals(half.positionTicket(), partDup.positionTicket(), partDup.toString());
        assertEquals(1, h.terminal.executions(id));
        assertEquals(1, h.terminal.executions(part));
    }

    @Test
    void theGatewaysOwnTable_refusesAConflictWithoutSendingIt() {
        String id = Harness.cid("own");
        ExecutionReport eur = h.submit(h.market(id, "EURUSD", Side.BUY, 0.1));
        ExecutionReport xau = Harness.get(h.gateway.submit(h.market(id, "XAUUSD", Side.SELL, 0.1)));
        assertConflict(xau);
        assertEquals(1, h.terminal.attempts(id), "the conflict never left the gateway");
        assertEquals(eur, Harness.get(h.gateway.submit(h.market(id, "EURUSD", Side.BUY, 0.1))),
                "the same order under the id is still answered with its first outcome");
        assertEquals(eur, h.resolution(id), "the id's resolution stays the first order's");
    }

    @Test
    void aTerminalWithoutTheConflictRule_stillCannotHandAClientAnotherOrdersFill() {
        h.terminal.faults().ignoreConflicts(true); // an Expert Advisor that predates PROTOCOL.md 9's conflict rule
        String id = Harness.cid("legacy");
        h.submit(h.market(id, "EURUSD", Side.BUY, 0.1));
        ExecutionReport xau = submitOther(h.market(id, "XAUUSD", Side.SELL, 0.2));
        assertConflict(xau);
        assertEquals(0, xau.positionTicket());
        assertTrue(other.gateway().statistics().filled() == 0, "the other client counts no fill");
    }
}
