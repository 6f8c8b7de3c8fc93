package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.mt5.internal.IoLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.zeromq.ZContext;

/**
 * {@link IoLoop#executeInline}'s promises: a thread's tasks run in the order it handed them over,
 * whether each ran on the caller or was queued because the loop was busy; none runs twice or is
 * lost; some ran on the caller; and close ends the loop thread.
 */
class IoLoopOrderTest {

    @ParameterizedTest
    @EnumSource(IoWaitStrategy.class)
    void oneThreadsTasks_runInItsOrder_queuedOrInline_andCloseEndsTheThread(IoWaitStrategy wait) throws Exception {
        List<Integer> seen = new ArrayList<>(); // touched only under the loop's lock
        int n = 20_000;
        Thread loopThread;
        try (ZContext ctx = new ZContext(1)) {
            IoLoop loop = new IoLoop("order-test-loop", ctx, wait);
            loop.start();
            try {
                for (int i = 0; i < n; i++) {
                    int k = i;
                    if (i % 3 == 0) {
                        loop.execute(() -> seen.add(k));
                    } else {
                        loop.executeInline(() -> seen.add(k));
                    }
                    if (i % 500 == 0) {
                        // a busy loop thread: inline callers find the lock taken and queue behind it
                        loop.execute(() -> LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(300)));
                    }
                }
                CountDownLatch done = new CountDownLatch(1);
                loop.execute(done::countDown);
                assertTrue(done.await(60, TimeUnit.SECONDS), wait + ": the last task never ran");
                assertEquals(n, seen.size(), wait + ": tasks lost or run twice");
                int firstWrong = IntStream.range(0, n).filter(i -> seen.get(i) != i).findFirst().orElse(-1);
                assertEquals(-1, firstWrong, wait + ": out of order from task " + firstWrong + " on: "
                        + (firstWrong < 0 ? "" : seen.subList(firstWrong, Math.min(n, firstWrong + 5))));
                // a flood keeps the loop thread busy (so the tasks above were mostly queued); a caller
                // that finds it idle runs its task itself
                long before = loop.inlinedCount();
                for (int i = 0; i < 50 && loop.inlinedCount() == before; i++) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                    loop.executeInline(() -> { });
                }
                assertTrue(loop.inlinedCount() > before, wait + ": no task ran on its idle loop's caller");
                loopThread = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("order-test-loop")).findFirst().orElseThrow();
            } finally {
                loop.close();
            }
        }
        loopThread.join(5000);
        assertFalse(loopThread.isAlive(), wait + ": the loop thread outlived close");
    }
}
