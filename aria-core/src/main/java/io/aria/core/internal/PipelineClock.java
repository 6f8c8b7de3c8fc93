package io.aria.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that follows the pipeline's time (the last tick's) once ticks flow, and the given clock
 * before. Thread-safe: the engine's time is published for any thread.
 */
public final class PipelineClock extends Clock {
    private final Clock fallback;
    private volatile Engine engine;

    /** @param fallback wall clock before the engine exists */
    public PipelineClock(Clock fallback) {
        this.fallback = fallback;
    }

    /** @param e the engine whose time this clock follows from now on */
    public void follow(Engine e) {
        this.engine = e;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public long millis() {
        Engine e = engine;
        return e == null ? fallback.millis() : e.publishedTime();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
