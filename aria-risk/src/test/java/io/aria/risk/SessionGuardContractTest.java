package io.aria.risk;

import io.aria.core.spi.RiskGuard;
import io.aria.core.testkit.RiskGuardContract;

/** {@link SessionGuard} with the seed's sessions passes the RiskGuard compatibility kit. */
class SessionGuardContractTest extends RiskGuardContract {

    @Override
    protected RiskGuard newGuard() {
        return new SessionGuard(RiskConfig.defaults().sessions());
    }
}
