package io.aria.core.ensemble;

import java.util.Map;

/**
 * A member model of an ensemble: for each symbol it turns closed bars into a vote in
 * [&minus;1, 1] (&minus;1 strongly short, +1 strongly long) and its own confidence in [0, 1].
 * A model that also wants every raw tick says so in its type by implementing
 * {@link TickSignalModel}; only those are called per tick.
 *
 * <p>State is kept per symbol, indexed by the catalog index and created up front, and is
 * updated in O(1) per bar. Votes and confidences are always finite; before
 * {@link #warmUpBars()} bars a model votes 0 with confidence 0.
 *
 * <p>Threading: called only from the pipeline's event-loop thread.
 */
public interface SignalModel {

    /** @return a short stable name, used for weights and attribution (for example "momentum") */
    String name();

    /** @return number of bars a symbol needs before the model's vote means something */
    int warmUpBars();

    /**
     * Updates the symbol's state with a closed bar.
     *
     * @param symbol symbol index
     * @param bar    the closed bar (finite positive prices)
     */
    void onBar(int symbol, Bar bar);

    /**
     * @param symbol symbol index
     * @return the current vote in [-1, 1]
     */
    double vote(int symbol);

    /**
     * @param symbol symbol index
     * @return the model's own confidence in its vote, in [0, 1]
     */
    double confidence(int symbol);

    /**
     * Adds the indicator values behind the current vote, keyed {@code name() + "." + indicator}
     * (for the decision log). May allocate: called only when a decision is built.
     *
     * @param symbol symbol index
     * @param out    map to add to
     */
    void describe(int symbol, Map<String, Double> out);
}
