package io.aria.risk;

import io.aria.core.spi.RiskGuard;
import io.aria.core.testkit.RiskGuardContract;

/** {@link OrderRateGuard} with the seed's rate passes the RiskGuard compatibility kit. */
class OrderRateGuardContractTest extends RiskGuardContract {

    @Override
    protected RiskGuard newGuard() {
        return new OrderRateGuard(RiskConfig.defaults().maxOrdersPerMinute());
    }
}
