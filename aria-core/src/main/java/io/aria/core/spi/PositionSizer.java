package io.aria.core.spi;

import io.aria.core.Decision;
import io.aria.core.OrderIntent;
import java.util.Optional;

/**
 * Turns a decision to enter a position into an order intent.
 *
 * <p>The pipeline handles exits itself: a FLAT decision closes the symbol's position and an
 * opposite decision closes it before asking the sizer for the new entry. So the sizer is asked
 * only when the symbol is flat and the decision is LONG or SHORT.
 *
 * <p>Threading: event-loop thread only. An exception counts as "no trade" (fail closed) and is
 * logged.
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
}
