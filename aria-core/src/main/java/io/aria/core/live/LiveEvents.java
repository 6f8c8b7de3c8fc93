package io.aria.core.live;

import io.aria.core.AssetCatalog;
import io.aria.core.ClosedTrade;
import io.aria.core.ExecutionReport;
import io.aria.core.OrderIntent;
import io.aria.core.TradeReturnCode;
import io.aria.core.Verdict;
import io.aria.core.live.internal.SampleRing;
import io.aria.core.spi.PipelineListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a live pipeline tells its operator: register it as a listener of the pipeline
 * ({@code TradingPipeline.Builder#listener}) and give it to {@link LiveExecution.Builder#events}.
 * It publishes {@link LiveEvent}s to subscribers (a stream, a dashboard) and keeps the recent
 * figures the facade reports: order latency and slippage of the last orders, return codes, and the
 * equity's start, start of day and peak.
 *
 * <p><b>Threading.</b> The listener methods run on the pipeline's event loop and never block:
 * each subscriber has a bounded queue, and an event that does not fit is dropped for that
 * subscriber and counted ({@link Subscription#dropped()}); the pipeline's own records (audit,
 * reports) are never affected. Nothing is allocated on quiet ticks. Every other method may be
 * called from any thread.
 */
public final class LiveEvents implements PipelineListener {

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);
    private static final long DAY_MILLIS = 86_400_000L;

    private final AssetCatalog catalog;
    private final CopyOnWriteArrayList<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<LiveEvent>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final Object lock = new Object();
    private final SampleRing latencyMillis;
    private final SampleRing slippagePoints;
    private final Map<Integer, long[]> returnCodes = new HashMap<>();
    private boolean equitySeen;
    private double startEquity;
    private double dayStartEquity;
    private double peakEquity;
    private double lastEquity;
    private long day = Long.MIN_VALUE;

    private LiveEvents(AssetCatalog catalog, int recentOrders) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.latencyMillis = new SampleRing(recentOrders);
        this.slippagePoints = new SampleRing(recentOrders);
    }

    /**
     * @param catalog the pipeline's catalog (for slippage in points)
     * @return events keeping the figures of the last 4,096 orders
     */
    public static LiveEvents create(AssetCatalog catalog) {
        return new LiveEvents(catalog, 4096);
    }

    // ------------------------------------------------------------------ listener (event loop)

    @Override
    public void onExecution(ExecutionReport report, OrderIntent intent) {
        synchronized (lock) {
            latencyMillis.add(report.latencyNanos() / 1e6);
            if (report.status().isFill()) {
                double point = catalog.find(report.symbol()).map(s -> s.point()).orElse(0.0);
                if (point > 0) {
                    slippagePoints.add(report.slippage() / point);
                }
            }
            returnCodes.computeIfAbsent(report.returnCode(), c -> new long[1])[0]++;
        }
        publish(new LiveEvent.Execution(report, intent == null ? OrderIntent.Origin.SIGNAL : intent.origin()));
    }

    @Override
    public void onBlocked(OrderIntent intent, Verdict verdict, long epochMillis) {
        if (subscribers.isEmpty() && listeners.isEmpty()) {
            return; // a blocked signal repeats on every tick of an episode: build nothing nobody reads
        }
        publish(new LiveEvent.Blocked(intent.symbol(), intent.side(), intent.volume(), verdict.code(),
                verdict.message(), epochMillis));
    }

    @Override
    public void onTradeClosed(ClosedTrade trade) {
        publish(new LiveEvent.TradeClosed(trade));
    }

    @Override
    public void onEquity(double equity, long epochMillis) {
        synchronized (lock) {
            long d = Math.floorDiv(epochMillis, DAY_MILLIS);
            if (!equitySeen) {
                equitySeen = true;
                startEquity = equity;
                peakEquity = equity;
            }
            if (d != day) {
                day = d;
                dayStartEquity = equity;
            }
            peakEquity = Math.max(peakEquity, equity);
            lastEquity = equity;
        }
    }

    // ------------------------------------------------------------------ publishing (any thread)

    /**
     * Hands an event to every subscriber and listener. Never blocks.
     *
     * @param event the event
     */
    public void publish(LiveEvent event) {
        Objects.requireNonNull(event, "event");
        published.incrementAndGet();
        for (Consumer<LiveEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                log.warn("live event listener failed", e);
            }
        }
        for (Subscription s : subscribers) {
            s.offer(event);
        }
    }

    /**
     * @param listener called with every event on the publishing thread (often the event loop):
     *                 it must be quick and must not block
     */
    public void addListener(Consumer<LiveEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * @param capacity how many events may wait for this subscriber before new ones are dropped, &gt; 0
     * @return a subscription; close it when done
     */
    public Subscription subscribe(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        Subscription s = new Subscription(capacity);
        subscribers.add(s);
        return s;
    }

    /** @return subscribers now */
    public int subscribers() {
        return subscribers.size();
    }

    /** @return events published so far */
    public long published() {
        return published.get();
    }

    // ------------------------------------------------------------------ figures (any thread)

    /** Recent order figures. */
    record Recent(double[] latencyMillis, double[] slippagePoints, Map<Integer, Long> returnCodes) {
    }

    Recent recent() {
        synchronized (lock) {
            Map<Integer, Long> codes = new HashMap<>();
            returnCodes.forEach((k, v) -> codes.put(k, v[0]));
            return new Recent(latencyMillis.sorted(), slippagePoints.sorted(), codes);
        }
    }

    /** The equity marks seen: start, start of the current day, peak, last (all NaN before the first). */
    record Equity(double start, double dayStart, double peak, double last) {
    }

    Equity equity() {
        synchronized (lock) {
            return equitySeen ? new Equity(startEquity, dayStartEquity, peakEquity, lastEquity)
                    : new Equity(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    static List<LiveExecution.ReturnCodeCount> codes(Map<Integer, Long> m) {
        List<LiveExecution.ReturnCodeCount> out = new ArrayList<>();
        m.forEach((code, n) -> out.add(new LiveExecution.ReturnCodeCount(code, TradeReturnCode.describe(code), n)));
        out.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : Integer.compare(a.code(), b.code()));
        return out;
    }

    /** One subscriber's queue. Thread-safe. */
    public final class Subscription implements AutoCloseable {
        private final ArrayBlockingQueue<LiveEvent> queue;
        private final AtomicLong dropped = new AtomicLong();

        private Subscription(int capacity) {
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        void offer(LiveEvent e) {
            if (!queue.offer(e)) {
                dropped.incrementAndGet();
            }
        }

        /**
         * @param timeout longest wait
         * @return the next event, or null when none came in time
         * @throws InterruptedException when interrupted
         */
        public LiveEvent poll(Duration timeout) throws InterruptedException {
            return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** @return events that did not fit this subscriber's queue */
        public long dropped() {
            return dropped.get();
        }

        /** Stops delivery to this subscriber. Idempotent. */
        @Override
        public void close() {
            subscribers.remove(this);
        }
    }
}
