package io.aria.core.spi;

import io.aria.core.Tick;

/**
 * Receives ticks from a {@link TickSource}. The pipeline's listener may block the calling
 * thread to apply back-pressure (replays) or conflate ticks per symbol (live feeds).
 */
@FunctionalInterface
public interface TickListener {

    /** @param tick the next tick; never null */
    void onTick(Tick tick);

    /**
     * Called once when a finite source has delivered its last tick. Live sources never call it.
     *
     * @param source the source that ended
     */
    default void onEnd(TickSource source) {
    }
}
