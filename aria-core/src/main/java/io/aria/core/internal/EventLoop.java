package io.aria.core.internal;

import io.aria.core.KillSwitch;
import io.aria.core.Tick;
import io.aria.core.TradeEvent;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that owns the {@link Engine}: either its own loop thread ({@link #newThread}) or the
 * caller of {@code TradingPipeline.step} ({@link #becomeDriver}). It drains the {@link EventQueue}
 * (reports, resolutions, broker events, commands) before each tick and applies each on the
 * engine in arrival order; other threads reach the engine only through {@link #submit} and
 * {@link #call}. Thread-safe; {@link #drain} and {@link #step} on the owning thread only.
 */
public final class EventLoop {

    private static final Logger log = LoggerFactory.getLogger(EventLoop.class);

    private final EventQueue queue;
    private final KillSwitch killSwitch;
    private final CountDownLatch sourcesEnded;
    private final Engine engine;
    private volatile boolean stopRequested;
    private volatile Thread loopThread;
    private volatile Thread driverThread;

    /**
     * @param queue      the engine's inboxes
     * @param killSwitch engaged when the loop dies
     * @param engine     the engine this loop drives (a final field: read on every tick)
     * @param sources    how many tick sources will signal their end
     */
    public EventLoop(EventQueue queue, KillSwitch killSwitch, Engine engine, int sources) {
        this.queue = queue;
        this.killSwitch = killSwitch;
        this.engine = engine;
        this.sourcesEnded = new CountDownLatch(sources);
    }

    /** @return the loop thread, its queue's consumer, not yet started */
    public Thread newThread() {
        Thread t = new Thread(this::run, "aria-pipeline");
        t.setDaemon(true);
        loopThread = t;
        queue.consumer(t);
        return t;
    }

    /** @param me the thread that will step the engine from now on */
    public void becomeDriver(Thread me) {
        driverThread = me;
        queue.consumer(me);
    }

    /** @return the stepping thread, or null */
    public Thread driverThread() {
        return driverThread;
    }

    /** @return whether the calling thread owns the engine */
    public boolean isLoopThread() {
        Thread me = Thread.currentThread();
        return me == loopThread || me == driverThread;
    }

    /**
     * A broker-side event: on the owning thread (a simulated broker reacting to a tick) it is
     * applied at once, so the book is true before the same tick reaches the model; from any other
     * thread it is queued.
     */
    public void onTradeEvent(TradeEvent e) {
        if (isLoopThread()) {
            engine.onTradeEvent(e);
        } else {
            queue.offer(new EventQueue.Trade(e));
        }
    }

    private void run() {
        try {
            while (!stopRequested) {
                drain();
                Object o = queue.pollTick();
                if (o instanceof Tick t) {
                    engine.onTick(t);
                } else if (o instanceof EventQueue.SourceEnd) {
                    sourcesEnded.countDown();
                } else if (!queue.hasEvents()) {
                    queue.await(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
            drain();
        } catch (Throwable e) {
            log.error("pipeline event loop died; engaging the kill switch", e);
            killSwitch.engage("pipeline", "event loop died: " + e);
            throw e;
        }
    }

    /** Applies every report, resolution, broker event and command that arrived. Owning thread only. */
    public void drain() {
        EventQueue.Event e;
        while ((e = queue.pollEvent()) != null) {
            if (e instanceof EventQueue.Report r) {
                engine.onReport(r.report());
            } else if (e instanceof EventQueue.Resolution res) {
                engine.onResolution(res.report());
            } else if (e instanceof EventQueue.Trade tr) {
                engine.onTradeEvent(tr.event());
            } else if (e instanceof EventQueue.Command c) {
                c.action().run();
            }
        }
    }

    /** Drains, processes one tick, drains what it produced. Owning (stepping) thread only. */
    public void step(Tick tick) {
        drain();
        engine.onTick(tick);
        drain();
    }

    /**
     * @param action work for the owning thread
     * @return completes with the action's result, or exceptionally with what it threw
     */
    public <T> CompletableFuture<T> submit(Supplier<T> action) {
        CompletableFuture<T> f = new CompletableFuture<>();
        queue.offer(new EventQueue.Command(() -> {
            try {
                f.complete(action.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        }));
        return f;
    }

    /**
     * Runs an action on the loop thread and waits for its result; runs it here when this is the
     * owning thread or no loop thread runs. The three ways it can fail stay apart.
     *
     * @return the action's result
     * @throws TimeoutException     when the loop did not answer in time
     * @throws InterruptedException when the wait was interrupted
     * @throws IllegalStateException when the action threw on the loop, with that exception as
     *     its cause and in its message
     */
    public <T> T call(Supplier<T> action, Duration timeout) throws TimeoutException, InterruptedException {
        Thread loop = loopThread;
        if (loop == null || loop == Thread.currentThread() || !loop.isAlive()) {
            return action.get();
        }
        try {
            return submit(action).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("pipeline event loop failed to answer: " + cause, cause);
        }
    }

    /**
     * @param timeout longest wait
     * @return whether every finite source delivered its last tick to the loop in time
     */
    public boolean awaitSourcesEnded(Duration timeout) throws InterruptedException {
        return sourcesEnded.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Lets in-flight orders report (up to five seconds), then stops the loop thread (up to five
     * more).
     *
     * @return whether no loop thread runs any more (the caller may then touch the engine)
     */
    public boolean stop() {
        Thread t = loopThread;
        if (t == null) {
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && !idleNow(t)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        stopRequested = true;
        queue.offer(new EventQueue.Command(() -> { }));
        try {
            t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    private boolean idleNow(Thread loop) {
        if (!loop.isAlive()) {
            return true;
        }
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        queue.offer(new EventQueue.Command(() -> f.complete(engine.idle())));
        try {
            return f.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
