package io.aria.risk;

import io.aria.core.spi.RiskGuard;
import io.aria.core.testkit.RiskGuardContract;

/** {@link ExposureLimitGuard} with the seed's limits passes the RiskGuard compatibility kit. */
class ExposureLimitGuardContractTest extends RiskGuardContract {

    @Override
    protected RiskGuard newGuard() {
        return new ExposureLimitGuard(RiskConfig.defaults());
    }
}
