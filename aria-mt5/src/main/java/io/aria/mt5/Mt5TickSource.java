package io.aria.mt5;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.core.Tick;
import io.aria.core.spi.TickListener;
import io.aria.core.spi.TickSource;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live {@link TickSource} of an {@link Mt5Connection}: subscribes to the configured symbols
 * after every handshake and delivers the terminal's ticks, mapped to catalog names, from a
 * delivery thread of its own. A listener that blocks never stalls the connection: ticks wait in
 * a bounded queue, and when it is full the newest are dropped and counted ({@link #droppedCount()}).
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
    private Thread thread;

    Mt5TickSource(Mt5Connection conn) {
        this.conn = conn;
        conn.addLinkListener(new Mt5Connection.LinkListener() {
            @Override
            public void onConnected(Mt5Session session, boolean newSession) {
                if (started && !closed) {
                    subscribe(session);
                }
            }

            @Override
            public void onDisconnected(String reason) {
                // the next handshake subscribes again
            }
        });
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
        started = true;
        thread = new Thread(() -> deliver(listener), "aria-mt5-ticks");
        thread.setDaemon(true);
        thread.start();
        conn.loop().execute(() -> conn.session().ifPresent(s -> {
            if (conn.isLinkUp()) {
                subscribe(s);
            }
        }));
        conn.connect();
    }

    private void subscribe(Mt5Session session) {
        ObjectNode q = Wire.request("subscribe", "");
        ArrayNode arr = q.putArray("symbols");
        for (String s : symbols()) {
            session.symbol(s).ifPresent(b -> arr.add(b.brokerName()));
        }
        conn.request(q, conn.config().requestTimeout().toNanos(), new Mt5Connection.ReplyHandler() {
            @Override
            public void onReply(Msg reply) {
                try {
                    List<String> unknown = reply.strings("unknown");
                    if (!unknown.isEmpty()) {
                        LOG.warn("the terminal does not know {}; no ticks for them", unknown);
                    }
                } catch (MalformedMessageException e) {
                    conn.badMessage("subscribe reply", e.getMessage());
                }
            }

            @Override
            public void onFailure(Mt5Connection.Failure failure) {
                LOG.warn("subscribe got no reply ({}); will subscribe again after the next handshake", failure);
            }
        });
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
            conn.gateway().onQuote(broker, bid, ask);
            String symbol = conn.catalogSymbol(broker);
            if (symbol == null || !started || closed) {
                return;
            }
            tick = new Tick(symbol, m.lng("utc_ms"), bid, ask, m.num("volume", 0));
        } catch (MalformedMessageException e) {
            malformed.incrementAndGet();
            conn.badMessage("tick", e.getMessage());
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
        while (!closed) {
            Tick t;
            try {
                t = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (t == null) {
                continue;
            }
            if (t == END) {
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

    /** Stops delivery; the connection stays open (close it with {@link Mt5Connection#close()}). Idempotent. */
    @Override
    public void close() {
        stopDelivery();
    }

    synchronized void stopDelivery() {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        queue.offer(END);
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
