package io.aria.mt5;

import io.aria.core.Tick;
import io.aria.core.spi.TickListener;
import io.aria.core.spi.TickSource;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live {@link TickSource} of an {@link Mt5Connection}: the connection subscribes to the
 * configured symbols after every handshake, and this source delivers the terminal's ticks, mapped to catalog names, from a
 * delivery thread of its own. A listener that blocks never stalls the connection: ticks wait in
 * a bounded queue, and when it is full the newest are dropped and counted ({@link #droppedCount()}).
 * The delivery thread waits for ticks as {@link Mt5Config#ioWaitStrategy()} says (parked, yielding
 * or spinning). With {@link Mt5Config#ticksOnIoThread()} there is no delivery thread and no queue:
 * the listener is called on the connection's I/O thread as each tick is read, and must return at
 * once.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class Mt5TickSource implements TickSource {

    private static final Logger LOG = LoggerFactory.getLogger(Mt5TickSource.class);
    private static final int QUEUE_CAPACITY = 1 << 16;
    private static final Tick END = new Tick("", 0, 0, 0, 0);

    private final Mt5Connection conn;
    private final BlockingQueue<Tick> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean started;
    private volatile boolean closed;
    /** The listener when it is called on the I/O thread ({@link Mt5Config#ticksOnIoThread()}), else null. */
    private volatile TickListener direct;

    Mt5TickSource(Mt5Connection conn) {
        this.conn = conn;
    }

    @Override
    public List<String> symbols() {
        return conn.config().symbols();
    }

    /**
     * Starts delivery and connects the connection if it was not yet.
     *
     * @param listener receives every tick
     * @throws IllegalStateException when already started or closed
     */
    @Override
    public synchronized void start(TickListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        if (started || closed) {
            throw new IllegalStateException(closed ? "tick source is closed" : "tick source already started");
        }
        if (conn.config().ticksOnIoThread()) {
            direct = listener;
        } else {
            Thread thread = new Thread(() -> deliver(listener), "aria-mt5-ticks");
            thread.setDaemon(true);
            thread.start();
        }
        started = true;
        conn.connect();
    }

    /** Called on the I/O thread for every tick message. */
    void onTickMessage(Msg m) {
        String broker;
        double bid;
        double ask;
        Tick tick;
        try {
            broker = m.str("symbol");
            bid = m.num("bid");
            ask = m.num("ask");
            String symbol = conn.catalogSymbol(broker);
            if (symbol == null) {
                return;
            }
            tick = new Tick(symbol, m.lng("utc_ms"), bid, ask, m.num("volume", 0));
            conn.gateway().onQuote(tick);
            if (!started || closed) {
                return;
            }
        } catch (MalformedMessageException e) {
            malformed.incrementAndGet();
            conn.badMessage("tick", e.getMessage());
            return;
        }
        TickListener now = direct;
        if (now != null) {
            try {
                now.onTick(tick);
                delivered.incrementAndGet();
            } catch (RuntimeException e) {
                LOG.warn("tick listener threw on {}; delivery goes on", tick, e);
            }
            return;
        }
        if (!queue.offer(tick)) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 10_000 == 0) {
                LOG.warn("tick listener too slow: {} ticks dropped so far", n);
            }
        }
    }

    private void deliver(TickListener listener) {
        IoWaitStrategy wait = conn.config().ioWaitStrategy();
        while (!closed) {
            Tick t;
            if (wait == IoWaitStrategy.BLOCKING) {
                try {
                    t = queue.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                // polling: the I/O thread's offer finds nobody parked, so a tick wakes no thread
                t = queue.poll();
                if (t == null) {
                    if (wait == IoWaitStrategy.YIELDING) {
                        Thread.yield();
                    } else {
                        Thread.onSpinWait();
                    }
                    continue;
                }
            }
            if (t == null) {
                continue;
            }
            if (t == END || closed) {
                return;
            }
            try {
                listener.onTick(t);
                delivered.incrementAndGet();
            } catch (RuntimeException e) {
                LOG.warn("tick listener threw on {}; delivery goes on", t, e);
            }
        }
    }

    @Override
    public long malformedCount() {
        return malformed.get();
    }

    /** @return ticks dropped because the listener could not keep up */
    public long droppedCount() {
        return dropped.get();
    }

    /** @return ticks handed to the listener */
    public long deliveredCount() {
        return delivered.get();
    }

    /**
     * Stops delivery: once it returns no further tick is handed to the listener (one it is
     * processing completes). The connection stays open; close it with {@link Mt5Connection#close()}.
     * Idempotent.
     */
    @Override
    public void close() {
        stopDelivery();
    }

    synchronized void stopDelivery() {
        if (closed) {
            return;
        }
        closed = true;
        direct = null;
        queue.clear();
        queue.offer(END);
    }
}
