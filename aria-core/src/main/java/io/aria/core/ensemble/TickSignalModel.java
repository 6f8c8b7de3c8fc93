package io.aria.core.ensemble;

/**
 * A {@link SignalModel} that also learns from every raw tick, not only from closed bars (for
 * example an intra-bar volatility or order-flow estimate). Implementing this interface is how a
 * model says it wants ticks: {@link WeightedEnsemble} calls {@link #onTick} only on the members
 * that implement it, so models that need bars alone cost nothing per tick.
 *
 * <p>Threading: called only from the pipeline's event-loop thread.
 */
public interface TickSignalModel extends SignalModel {

    /**
     * Called for every valid tick of a symbol, before the bar that tick may close is handled. Must
     * not allocate: it runs on quiet ticks.
     *
     * @param symbol      symbol index
     * @param epochMillis tick time
     * @param mid         tick mid price
     */
    void onTick(int symbol, long epochMillis, double mid);
}
