package io.aria.core.spi;

import io.aria.core.Decision;
import io.aria.core.OrderIntent;
import io.aria.core.Tick;
import java.util.Optional;

/**
 * Turns a decision to enter a position into an order intent.
 *
 * <p>The pipeline handles exits itself: a FLAT decision closes the symbol's position and an
 * opposite decision closes it before asking the sizer for the new entry. So the sizer is asked
 * only when the symbol is flat and the decision is LONG or SHORT.
 *
 * <p>A sizer that needs market state of its own (volatility for its stops, for example) learns it
 * from {@link #onTick}, which the pipeline calls for every valid tick. The sizer is fed directly,
 * rather than through a guard or by registering the risk layer as one combined plug-in, because
 * that is what keeps it simple for users: any sizer works with any guard or with none, there is
 * nothing to register twice or in a particular order, and a sizer used on its own cannot silently
 * go without the data it sizes from.
 *
 * <p>Threading: event-loop thread only. An exception from {@link #size} counts as "no trade"
 * (fail closed) and is logged; one from {@link #onTick} is logged and counted, and the tick goes
 * on to the ensemble.
 *
 * <p>Compatibility kit: {@code io.aria.core.testkit.PositionSizerContract} in aria-core's test-jar.
 */
@FunctionalInterface
public interface PositionSizer {

    /**
     * @param decision  a LONG or SHORT decision for a flat symbol
     * @param portfolio the pipeline's state
     * @return the intent, or empty for "no trade" (for example below the minimum volume)
     */
    Optional<OrderIntent> size(Decision decision, PortfolioView portfolio);

    /**
     * Learns from a valid tick. Called on the event loop for every tick that passed validation
     * (of a catalog symbol, whether trading in it is enabled or not), after the
     * portfolio has been marked to it and the guards have seen it, and before the ensemble sees
     * it, so a decision from this tick is sized with state that includes it. Must not allocate or
     * log: it runs on quiet ticks. The default does nothing.
     *
     * @param tick      a valid tick
     * @param portfolio the state after marking to that tick
     */
    default void onTick(Tick tick, PortfolioView portfolio) {
    }
}
