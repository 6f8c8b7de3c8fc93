package io.aria.examples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.examples.bench.ApiLoadBench;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Many clients polling and streaming while a deterministic pipeline runs at full speed do not
 * change what it does: the same seed gives the same fills, in the same order, with and without
 * them.
 */
class ConcurrentClientsTest {

    @Test
    void pollingAndStreamingClients_doNotChangeTheTrades() throws Exception {
        Duration session = Duration.ofHours(2);
        ApiLoadBench.Result alone = ApiLoadBench.run(0, 0, session, 11);
        ApiLoadBench.Result watched = ApiLoadBench.run(12, 3, session, 11);
        assertTrue(alone.fills().size() > 10, "the run trades: " + alone.fills().size());
        assertEquals(alone.ticks(), watched.ticks());
        assertTrue(watched.requests() > 12, "the clients were answered: " + watched.requests());
        assertEquals(0, watched.errors());
        assertEquals(alone.fills(), watched.fills());
    }
}
