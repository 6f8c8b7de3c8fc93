package io.aria.core;

/** Lifecycle of a {@link TradingPipeline}. */
public enum PipelineStatus {
    /** Built, not started; {@link TradingPipeline#step} may drive it on the caller's thread. */
    CREATED,
    /** The event loop runs. */
    RUNNING,
    /** Closed; no more ticks or orders. */
    STOPPED
}
