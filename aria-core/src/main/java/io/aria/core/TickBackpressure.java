package io.aria.core;

/** What the pipeline does when ticks arrive faster than its event loop takes them. */
public enum TickBackpressure {
    /**
     * The source's thread waits for room: nothing is lost and replays stay deterministic. The
     * default, right for replays and synthetic sources.
     */
    BLOCK,
    /**
     * Latest tick wins: a waiting tick of a symbol is replaced by a newer one of the same symbol
     * and the replaced one is counted as conflated. Right for live feeds, where a stale price is
     * worth nothing; the source is never slowed down.
     */
    CONFLATE
}
