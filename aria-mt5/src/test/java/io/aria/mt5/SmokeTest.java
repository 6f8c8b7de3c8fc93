package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.Side;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void roundTrip() {
        try (Harness h = new Harness(MarginMode.HEDGING)) {
            ExecutionReport r = h.submit(h.market(Harness.cid("s"), "EURUSD", Side.BUY, 0.1));
            assertEquals(ExecutionStatus.FILLED, r.status(), r.toString());
            h.awaitBooksEqual();
        }
    }
}
