package io.aria.risk;

import io.aria.core.spi.RiskGuard;
import io.aria.core.testkit.RiskGuardContract;

/** {@link ErrorRateGuard} with the seed's limits passes the RiskGuard compatibility kit. */
class ErrorRateGuardContractTest extends RiskGuardContract {

    @Override
    protected RiskGuard newGuard() {
        return new ErrorRateGuard(RiskConfig.defaults().killSwitch());
    }
}
