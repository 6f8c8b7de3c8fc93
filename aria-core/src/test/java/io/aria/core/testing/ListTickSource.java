package io.aria.core.testing;

import io.aria.core.Tick;
import io.aria.core.spi.TickListener;
import io.aria.core.spi.TickSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A finite source that delivers a fixed list of ticks from a thread of its own, then calls
 * {@code onEnd}: for tests that run a started pipeline on known ticks.
 */
public final class ListTickSource implements TickSource {

    private final List<Tick> ticks;
    private final List<String> symbols;
    private volatile boolean closed;
    private Thread thread;

    /** @param ticks the ticks, in time order per symbol */
    public ListTickSource(List<Tick> ticks) {
        this.ticks = List.copyOf(ticks);
        this.symbols = List.copyOf(new LinkedHashSet<>(ticks.stream().map(Tick::symbol).toList()));
    }

    @Override
    public List<String> symbols() {
        return new ArrayList<>(symbols);
    }

    @Override
    public synchronized void start(TickListener listener) {
        if (thread != null || closed) {
            throw new IllegalStateException("list tick source can be started once");
        }
        thread = new Thread(() -> {
            for (Tick t : ticks) {
                if (closed) {
                    return;
                }
                listener.onTick(t);
            }
            if (!closed) {
                listener.onEnd(this);
            }
        }, "list-tick-source");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        closed = true;
    }
}
