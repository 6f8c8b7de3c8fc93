package io.aria.examples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotencyAndAuthTest {

    @Test
    void manyRetriesAtOnce_withOneKey_actOnce_andAllGetTheFirstAnswer() throws Exception {
        Idempotency idem = new Idempotency();
        AtomicInteger acted = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Thread> callers = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<Idempotency.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    callers.add(Thread.currentThread());
                    go.await();
                    return idem.run("stop-1", "POST /live-execution/emergency-stop {}", 0, () -> {
                        int n = acted.incrementAndGet();
                        // a slow stop: it runs until every retry is waiting on it (parked, not running)
                        org.awaitility.Awaitility.await("the 7 retries wait on the first").atMost(java.time.Duration.ofSeconds(30))
                                .pollInSameThread().until(() -> callers.size() == 8 && callers.stream()
                                        .filter(c -> c != Thread.currentThread())
                                        .allMatch(c -> c.getState() == Thread.State.WAITING
                                                || c.getState() == Thread.State.TIMED_WAITING
                                                || c.getState() == Thread.State.BLOCKED));
                        return new Idempotency.Response(200, ("stop " + n).getBytes(StandardCharsets.UTF_8));
                    });
                }));
            }
            go.countDown();
            for (Future<Idempotency.Response> f : answers) {
                assertEquals("stop 1", new String(f.get(30, TimeUnit.SECONDS).body(), StandardCharsets.UTF_8));
            }
            assertEquals(1, acted.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKeyReusedForAnotherRequest_isRefused_andAFailedFirstAttemptMayBeRetried() {
        Idempotency idem = new Idempotency();
        idem.run("k", "POST /a {}", 0, () -> new Idempotency.Response(200, new byte[0]));
        ApiException e = assertThrows(ApiException.class,
                () -> idem.run("k", "POST /a {\"x\":1}", 0, () -> new Idempotency.Response(200, new byte[0])));
        assertEquals(422, e.status);
        assertThrows(IllegalStateException.class, () -> idem.run("j", "POST /a {}", 0, () -> {
            throw new IllegalStateException("crashed before answering");
        }));
        assertEquals(201, idem.run("j", "POST /a {}", 0, () -> new Idempotency.Response(201, new byte[0])).status());
    }

    @Test
    void theBackoffDoublesPerBadToken_isBounded_andAGoodTokenEndsIt() {
        AuthGuard g = new AuthGuard("the-right-token-0123456789", 2, 100, 1000);
        assertEquals(AuthGuard.Outcome.MISSING, g.check("a", null, 0));
        assertEquals(0, g.retryAfterMillis("a", 0), "the first failures are free");
        assertEquals(AuthGuard.Outcome.WRONG, g.check("a", "nope", 0));
        assertEquals(100, g.retryAfterMillis("a", 0));
        assertEquals(AuthGuard.Outcome.BACKING_OFF, g.check("a", "the-right-token-0123456789", 50));
        assertEquals(AuthGuard.Outcome.WRONG, g.check("a", "nope", 100));
        assertEquals(200, g.retryAfterMillis("a", 100));
        long t = 300;
        for (int i = 0; i < 40; i++) {
            g.check("a", "nope", t);
            long wait = g.retryAfterMillis("a", t);
            assertTrue(wait <= 1000, "bounded: " + wait);
            t += wait;
        }
        assertEquals(1000, g.retryAfterMillis("a", t - 1000));
        assertEquals(AuthGuard.Outcome.OK, g.check("b", "the-right-token-0123456789", t), "other addresses are not slowed");
        assertEquals(AuthGuard.Outcome.OK, g.check("a", "the-right-token-0123456789", t));
        assertEquals(0, g.retryAfterMillis("a", t));
    }

    @Test
    void generatedTokens_areLongAndDifferent() {
        String a = AuthGuard.generateToken();
        String b = AuthGuard.generateToken();
        assertTrue(a.length() >= 40, a);
        assertNotEquals(a, b);
    }
}
