package io.aria.core.spi;

import io.aria.core.Decision;
import io.aria.core.Tick;
import java.util.function.Consumer;

/**
 * Turns validated ticks into decisions.
 *
 * <p>Threading: called only from the pipeline's event-loop thread; implementations keep their
 * state unsynchronised. Never sees a tick that failed validation.
 *
 * <p>Contract: for each tick it emits zero or one decision to {@code decisions}, synchronously.
 * A tick that yields no decision must not allocate. It never throws for market data; an
 * exception is treated by the pipeline as "no decision" and counted, also for a decision emitted
 * in that call before the throw (the pipeline acts on a tick's decision once {@code onTick} has
 * returned normally).
 *
 * <p>Compatibility kit: {@code io.aria.core.testkit.EnsembleModelContract} in aria-core's test-jar.
 */
public interface EnsembleModel {

    /**
     * @param tick      a validated tick of an enabled symbol
     * @param decisions receives the decision, if the tick produced one
     */
    void onTick(Tick tick, Consumer<Decision> decisions);

    /**
     * Feedback from a closed trade, for models that adapt their weights. Called on the event loop.
     *
     * @param entry  the decision that opened the position
     * @param profit realised profit of the trade in the account currency
     */
    default void onTradeClosed(Decision entry, double profit) {
    }

    /** @return a short name for logs and reports */
    default String name() {
        return getClass().getSimpleName();
    }
}
