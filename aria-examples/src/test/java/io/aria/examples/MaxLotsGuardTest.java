package io.aria.examples;

import io.aria.core.OrderIntent;
import io.aria.core.Verdict;
import io.aria.core.spi.PortfolioView;
import io.aria.core.spi.RiskGuard;
import io.aria.core.testkit.RiskGuardContract;

/** The README's example of a user's own guard tested by the RiskGuard compatibility kit, kept compiling and passing. */
class MaxLotsGuardTest extends RiskGuardContract {
    @Override protected RiskGuard newGuard() {
        return new MaxLotsGuard(5.0);      // a fresh guard for every call
    }

    /** A user's guard: no entry above a number of lots; exits always pass. */
    static final class MaxLotsGuard implements RiskGuard {
        private final double maxLots;

        MaxLotsGuard(double maxLots) {
            this.maxLots = maxLots;
        }

        @Override
        public Verdict check(OrderIntent intent, PortfolioView portfolio) {
            if (intent.reducing() || intent.volume() <= maxLots) {
                return Verdict.approve();
            }
            return Verdict.reject("MAX_LOTS", intent.volume() + " lots is above " + maxLots);
        }
    }
}
