package io.aria.examples;

import io.aria.core.AssetCatalog;
import io.aria.risk.RiskConfig;
import io.aria.risk.RiskLayer;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every trading command shares: where the audit goes and which risk limits apply. */
final class RiskAndAuditOptions {

    @Option(names = "--data", defaultValue = "data", description = "Folder for the audit logs (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    /** Read and checked while the command line is parsed: a bad file is refused before anything starts. */
    @Option(names = "--risk-config", converter = OptionTypes.RiskConfigFile.class, paramLabel = "<file>",
            description = "Risk limits JSON file (default: the seed's limits).")
    RiskConfig riskConfig;

    /**
     * @param catalog the catalog the pipeline trades
     * @return the sizer and guards from {@code --risk-config}, or the seed's defaults
     */
    RiskLayer riskLayer(AssetCatalog catalog) {
        return riskConfig == null ? RiskLayer.defaults(catalog) : RiskLayer.fromConfig(riskConfig, catalog);
    }
}
