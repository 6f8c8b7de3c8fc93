package io.aria.core.spi;

import java.util.List;

/**
 * A stream of market ticks: synthetic, a file replay, or a live feed.
 *
 * <p>Contract: {@link #start(TickListener)} is called once and returns at once; the source then
 * delivers ticks from a thread of its own, in time order per symbol, and calls
 * {@link TickListener#onEnd(TickSource)} when a finite source is exhausted. A malformed input
 * record is reported (logged with its location and counted) and skipped; it never ends the
 * stream. {@link #close()} stops delivery and releases the thread; it is idempotent. A source
 * never delivers null.
 */
public interface TickSource extends AutoCloseable {

    /** @return the catalog symbols this source delivers */
    List<String> symbols();

    /**
     * Starts delivery.
     *
     * @param listener receives every tick
     * @throws IllegalStateException when already started
     */
    void start(TickListener listener);

    /** @return how many malformed input records were skipped so far */
    default long malformedCount() {
        return 0;
    }

    /** Stops delivery. Idempotent. */
    @Override
    void close();
}
