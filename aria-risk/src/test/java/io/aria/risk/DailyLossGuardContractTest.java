package io.aria.risk;

import io.aria.core.spi.RiskGuard;
import io.aria.core.testkit.RiskGuardContract;

/** {@link DailyLossGuard} with the seed's limits passes the RiskGuard compatibility kit. */
class DailyLossGuardContractTest extends RiskGuardContract {

    @Override
    protected RiskGuard newGuard() {
        return new DailyLossGuard(RiskConfig.defaults().killSwitch());
    }
}
