package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AccountMode;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.Side;
import io.aria.core.TradeEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The simulated terminal stops out where MT5 does and where the paper broker does: when the margin
 * level reaches the stop-out level (50%), not only below it. Before the shared account the terminal
 * compared strictly, so an account held at exactly 50% stayed open.
 */
@DisplayName("the simulated terminal stops out at the level, as the paper broker does")
class StopOutLevelTest {

    private Harness h;

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void aMarginLevelOfExactlyFiftyPercent_stopsOut() {
        // 1 lot at 1.25 takes 1,250 USD of margin; at a bid of 1.2421875 it has lost 781.25 (exact in binary):
        // equity 1,406.25 - 781.25 = 625 = 50% of the margin
        h = new Harness(b -> b.accountMode(AccountMode.HEDGING).balance(1_406.25), c -> { });
        h.terminal.quote("EURUSD", 1.24990, 1.25);
        ExecutionReport open = h.submit(h.market(Harness.cid("so"), "EURUSD", Side.BUY, 1));
        assertEquals(ExecutionStatus.FILLED, open.status(), open.toString());
        assertEquals(1.25, open.fillPrice(), 0.0);

        h.terminal.quote("EURUSD", 1.2421875 + 0.0000001, 1.2422875);
        assertEquals(1, h.terminal.positions().size(), "above the level it stays open");
        h.terminal.quote("EURUSD", 1.2421875, 1.2422875);

        assertTrue(h.terminal.positions().isEmpty(), "stopped out at exactly 50%");
        Await.until(() -> !h.events.isEmpty(), "the stop-out event");
        assertEquals(TradeEvent.Kind.STOP_OUT, h.events.get(0).kind());
        assertEquals(open.positionTicket(), h.events.get(0).positionTicket());
        assertEquals(625, h.terminal.balance(), 1e-9);
        h.awaitBooksEqual();
    }
}
