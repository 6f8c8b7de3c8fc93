package io.aria.core.internal;

import io.aria.core.AssetCatalog;
import io.aria.core.PipelineStatus;
import io.aria.core.Tick;
import io.aria.core.TradingPipeline;
import io.aria.core.spi.AuditSink;
import io.aria.core.spi.OrderGateway;
import io.aria.core.spi.TickListener;
import io.aria.core.spi.TickSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TradingPipeline}'s lifecycle behind its public methods: the status, who drives the
 * engine (the loop thread after {@code start()}, or the first {@code step()} caller), waiting for
 * the account, crash recovery before the first tick, the sources' hand-off to the queue, the
 * ordered close, and running a call on the loop. Any thread; the status changes under one lock.
 */
public final class PipelineLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TradingPipeline.class);

    /**
     * What a pipeline is made of.
     *
     * @param catalog         the catalog (for the start message)
     * @param sources         the tick sources
     * @param gateway         the broker
     * @param audit           the audit sink
     * @param queue           the engine's inboxes
     * @param engine          the engine
     * @param loop            the event loop
     * @param closeComponents whether close also closes the gateway and the audit
     * @param readyTimeout    how long start waits for the account
     * @param recoveryTimeout how long recovery waits for the gateway
     * @param clock           the wall clock for recovery
     * @param enabledAtBuild  how many symbols trade at start (for the start message)
     */
    public record Parts(AssetCatalog catalog, List<TickSource> sources, OrderGateway gateway, AuditSink audit,
            EventQueue queue, Engine engine, EventLoop loop, boolean closeComponents, Duration readyTimeout,
            Duration recoveryTimeout, Clock clock, int enabledAtBuild) {
    }

    private final Parts p;
    /** The JSONL audit's execution folder, read by crash recovery; null for another sink. */
    private final Path recoveryFolder;
    private final Object lock = new Object();
    private volatile PipelineStatus status = PipelineStatus.CREATED;

    /** @param parts the pipeline's parts */
    public PipelineLifecycle(Parts parts) {
        this.p = parts;
        this.recoveryFolder = parts.audit() instanceof io.aria.core.audit.JsonlAuditSink j
                ? j.baseFolder().resolve(io.aria.core.audit.JsonlAuditSink.EXECUTION_DIR) : null;
    }

    /**
     * @param given   the builder's enabled symbols, or null
     * @param sources the tick sources
     * @param catalog the catalog
     * @return the symbols open for trading at start: those given, else the sources', else the catalog's
     * @throws IllegalArgumentException when one is not in the catalog
     */
    public static Set<String> enabledSymbols(Set<String> given, List<TickSource> sources, AssetCatalog catalog) {
        Set<String> enabled = new LinkedHashSet<>();
        if (given != null) {
            enabled.addAll(given);
        } else if (!sources.isEmpty()) {
            for (TickSource s : sources) {
                enabled.addAll(s.symbols());
            }
        } else {
            enabled.addAll(catalog.symbols());
        }
        for (String s : enabled) {
            if (catalog.indexOf(s) < 0) {
                throw new IllegalArgumentException("enabledSymbols: symbol " + s + " is not in the catalog");
            }
        }
        return enabled;
    }

    /** @return the lifecycle state */
    public PipelineStatus status() {
        return status;
    }

    /** {@link TradingPipeline#start()}: account, recovery, loop thread, then the sources. */
    public void start() {
        if (status != PipelineStatus.CREATED || p.loop().driverThread() != null) {
            throw new IllegalStateException("pipeline can be started once, before any step(); status is " + status);
        }
        // outside the lock: close() from another thread must not wait for the broker
        awaitAccount();
        recoverOrdersOfEarlierProcess();
        synchronized (lock) {
            if (status != PipelineStatus.CREATED || p.loop().driverThread() != null) {
                throw new IllegalStateException("pipeline can be started once, before any step(); status is " + status);
            }
            Thread t = p.loop().newThread();
            status = PipelineStatus.RUNNING;
            t.start();
        }
        TickListener listener = sourceListener();
        for (TickSource s : p.sources()) {
            s.start(listener);
        }
        // what trades, not what the catalog could trade: "2 of 21 symbols", not "21 symbols"
        log.info("pipeline started: {} of {} catalog symbols enabled, {} tick source{}, gateway {}",
                p.enabledAtBuild(), p.catalog().size(), p.sources().size(), p.sources().size() == 1 ? "" : "s",
                p.gateway().name());
    }

    /** @return the listener the sources deliver to: it only offers to the queue */
    private TickListener sourceListener() {
        EventQueue queue = p.queue();
        return new TickListener() {
            @Override
            public void onTick(Tick tick) {
                try {
                    queue.offerTick(tick);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onEnd(TickSource source) {
                try {
                    queue.offerEnd(source);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    private void awaitAccount() {
        OrderGateway gateway = p.gateway();
        try {
            gateway.ready().toCompletableFuture().get(p.readyTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("gateway " + gateway.name() + " did not report its account within "
                    + p.readyTimeout() + "; the pipeline was not started and sent no order");
        } catch (ExecutionException e) {
            throw new IllegalStateException("gateway " + gateway.name() + " failed before reporting its account: "
                    + e.getCause() + "; the pipeline was not started and sent no order");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for gateway " + gateway.name()
                    + " to report its account");
        }
    }

    /**
     * Before the first tick, on the thread that will own the engine: resolves the orders a crashed
     * earlier process left without an outcome (the JSONL audit's {@code order_submitted} records
     * without a final {@code order_completed}) and writes their completions (bounded by the
     * builder's {@code recoveryTimeout}), and adopts the gateway's positions into the book.
     */
    private void recoverOrdersOfEarlierProcess() {
        if (recoveryFolder != null) {
            Recovery.Outcome o = Recovery.run(recoveryFolder, p.gateway(), p.audit(), p.recoveryTimeout(), p.clock());
            if (o.open() > 0) {
                log.info("recovery: {} orders of an earlier process without an outcome, {} resolved, {} unknown",
                        o.open(), o.resolved(), o.unknown());
            }
        }
        p.engine().resyncBook();
    }

    /**
     * Checks that the calling thread may drive a stepped pipeline; the first caller becomes its
     * driver, after recovery.
     *
     * @throws IllegalStateException when started or closed, or called from another thread than the first
     */
    public void checkDriver() {
        if (status != PipelineStatus.CREATED) {
            throw new IllegalStateException("step() drives a pipeline that was not started; status is " + status);
        }
        Thread me = Thread.currentThread();
        EventLoop loop = p.loop();
        if (loop.driverThread() == null) {
            synchronized (lock) {
                if (status != PipelineStatus.CREATED) {
                    throw new IllegalStateException("step() drives a pipeline that was not started; status is " + status);
                }
                if (loop.driverThread() == null) {
                    recoverOrdersOfEarlierProcess();
                    loop.becomeDriver(me);
                }
            }
        }
        Thread driver = loop.driverThread();
        if (driver != me) {
            throw new IllegalStateException("step() must always be called from thread " + driver.getName()
                    + ", not " + me.getName());
        }
    }

    /** {@link TradingPipeline#awaitQuiescent}: sources ended, ticks processed, no order in flight. */
    public boolean awaitQuiescent(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!p.loop().awaitSourcesEnded(timeout)) {
            return false;
        }
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            boolean idle;
            try {
                idle = onLoop(() -> p.engine().idle() && !p.queue().hasTicks(), Duration.ofNanos(left));
            } catch (TimeoutException e) {
                return false;
            }
            if (idle) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    /** {@link TradingPipeline#close()}: sources, loop, last summaries, then gateway and audit. Idempotent. */
    public void close() {
        synchronized (lock) {
            if (status == PipelineStatus.STOPPED) {
                return;
            }
            status = PipelineStatus.STOPPED;
        }
        p.queue().close();
        for (TickSource s : p.sources()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                log.warn("tick source {} failed to close", s, e);
            }
        }
        if (p.loop().stop()) {
            try {
                p.engine().endAllEpisodes(); // the loop has stopped: the closing thread may finish its records
            } catch (RuntimeException e) {
                log.warn("could not write the last blocked-intent summaries", e);
            }
        }
        if (p.closeComponents()) {
            closeComponents();
        }
        log.info("pipeline stopped: {}", p.engine().counters().summary());
    }

    private void closeComponents() {
        try {
            p.gateway().close();
        } catch (RuntimeException e) {
            log.warn("gateway {} failed to close", p.gateway().name(), e);
        }
        try {
            p.audit().close();
        } catch (RuntimeException e) {
            log.warn("audit sink failed to close", e);
        }
    }

    /** @return the action's future, applied on the loop; failed at once when the pipeline is stopped */
    public <T> CompletableFuture<T> command(Supplier<T> action) {
        if (status == PipelineStatus.STOPPED) {
            return CompletableFuture.failedFuture(new IllegalStateException("pipeline is stopped"));
        }
        return p.loop().submit(action);
    }

    /**
     * Runs the action on the loop thread and waits for it (directly when no loop thread runs).
     *
     * @throws TimeoutException      when the loop did not answer in time
     * @throws InterruptedException  when the wait was interrupted
     * @throws IllegalStateException when the action threw on the loop (its cause)
     */
    public <T> T onLoop(Supplier<T> action, Duration timeout) throws TimeoutException, InterruptedException {
        if (status != PipelineStatus.RUNNING) {
            // not running (yet or any more): answer here, but never while start() hands the engine
            // to the loop thread, or the answer could mix state from before and after a tick
            synchronized (lock) {
                if (status != PipelineStatus.RUNNING) {
                    return action.get();
                }
            }
        }
        return p.loop().call(action, timeout);
    }
}
