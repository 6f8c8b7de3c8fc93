package io.aria.risk;

import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.OrderIntent;
import io.aria.core.Side;
import io.aria.core.Verdict;
import io.aria.core.spi.PortfolioView;

/** Order intents and verdict helpers for tests. */
final class Orders {

    private Orders() {
    }

    static OrderIntent entry(PortfolioView p, String symbol, Side side, double volume) {
        double ref = p.lastTick(symbol).map(t -> t.priceFor(side)).orElse(1.0);
        Direction d = side == Side.BUY ? Direction.LONG : Direction.SHORT;
        return new OrderIntent(symbol, side, volume, ref, 0, 0, false, Decision.of(symbol, 0, d, 1), "test");
    }

    static OrderIntent exit(PortfolioView p, String symbol, Side side, double volume) {
        double ref = p.lastTick(symbol).map(t -> t.priceFor(side)).orElse(1.0);
        return new OrderIntent(symbol, side, volume, ref, 0, 0, true, Decision.of(symbol, 0, Direction.FLAT, 1), "exit");
    }

    /** @return the volume the verdict lets through: the intent's, the resized one, or 0 */
    static double allowed(Verdict v, OrderIntent intent) {
        if (v instanceof Verdict.Approved) {
            return intent.volume();
        }
        if (v instanceof Verdict.Resized r) {
            return r.volume();
        }
        return 0;
    }
}
