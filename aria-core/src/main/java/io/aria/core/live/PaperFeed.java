package io.aria.core.live;

import io.aria.core.Tick;
import io.aria.core.spi.TickListener;
import io.aria.core.spi.TickSource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A paper pipeline's "connection": a tick source that delivers only while connected. Give the
 * pipeline this wrapper instead of the source; {@link #connect} starts feeding it and
 * {@link #disconnect} stops (the ticks the source produces meanwhile are dropped and counted, as a
 * terminal that is not connected sends none). It starts disconnected.
 *
 * <p>Thread-safe. Ticks are forwarded on the source's own thread.
 */
public final class PaperFeed implements TickSource, GatewayConnection {

    private static final Logger log = LoggerFactory.getLogger(PaperFeed.class);

    private final TickSource source;
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private volatile State state = State.DISCONNECTED;

    private PaperFeed(TickSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * @param source the ticks to feed while connected
     * @return a feed that starts disconnected
     */
    public static PaperFeed wrap(TickSource source) {
        return new PaperFeed(source);
    }

    @Override
    public List<String> symbols() {
        return source.symbols();
    }

    @Override
    public void start(TickListener listener) {
        Objects.requireNonNull(listener, "listener");
        source.start(new TickListener() {
            @Override
            public void onTick(Tick tick) {
                if (state == State.CONNECTED) {
                    listener.onTick(tick);
                } else {
                    dropped.incrementAndGet();
                }
            }

            @Override
            public void onEnd(TickSource s) {
                listener.onEnd(PaperFeed.this);
            }
        });
    }

    @Override
    public long malformedCount() {
        return source.malformedCount();
    }

    @Override
    public void close() {
        change(State.CLOSED, "feed closed");
        source.close();
    }

    @Override
    public String name() {
        return "paper";
    }

    @Override
    public State state() {
        return state;
    }

    /** Starts feeding at once; the timeout is not needed. */
    @Override
    public State connect(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (state == State.CLOSED) {
            throw new IllegalStateException("paper feed is closed");
        }
        change(State.CONNECTED, "feeding ticks");
        return state;
    }

    @Override
    public void disconnect() {
        if (state != State.CLOSED) {
            change(State.DISCONNECTED, "feed stopped");
        }
    }

    /** @return ticks dropped while disconnected */
    public long droppedTicks() {
        return dropped.get();
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private synchronized void change(State next, String reason) {
        State prev = state;
        if (prev == next || prev == State.CLOSED) {
            return;
        }
        state = next;
        for (Listener l : listeners) {
            try {
                l.onChange(prev, next, reason);
            } catch (RuntimeException e) {
                log.warn("connection listener failed", e);
            }
        }
    }
}
