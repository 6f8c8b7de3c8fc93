package io.aria.core.ensemble;

import io.aria.core.AssetCatalog;
import io.aria.core.spi.EnsembleModel;
import io.aria.core.testkit.EnsembleModelContract;

/** The default ensemble with adaptive weights (moved by the kit's trade feedback) passes the kit too. */
class AdaptiveEnsembleContractTest extends EnsembleModelContract {

    @Override
    protected EnsembleModel newModel() {
        return WeightedEnsemble.builder(AssetCatalog.defaults()).adaptiveWeights(AdaptiveWeights.defaults()).build();
    }
}
