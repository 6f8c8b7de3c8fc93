package io.aria.examples;

import io.aria.core.AssetCatalog;
import io.aria.core.audit.AuditFailedException;
import io.aria.core.audit.JsonlAuditSink;
import io.aria.risk.RiskConfig;
import io.aria.risk.RiskLayer;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every trading command shares: where the audit goes and which risk limits apply. */
final class RiskAndAuditOptions {

    @Option(names = "--data", defaultValue = "data", description = "Folder for the audit logs (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    /** Read and checked while the command line is parsed: a bad file is refused before anything starts. */
    @Option(names = "--risk-config", converter = OptionTypes.RiskConfigFile.class, paramLabel = "<file>",
            description = "Risk limits JSON file (default: the seed's limits).")
    RiskConfig riskConfig;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * @return the audit under {@code --data}, its folders created and checked writable
     * @throws AuditExit (exit code 2) naming the option, the path and the operating system's error
     */
    JsonlAuditSink openAudit() {
        try {
            return JsonlAuditSink.builder(dataDir).build();
        } catch (AuditFailedException e) {
            throw new AuditExit("--data " + dataDir + ": " + e.getMessage(), 2);
        }
    }

    /**
     * Call at the end of a run, after the audit was closed.
     *
     * @param audit the run's audit
     * @throws AuditExit (exit code 1) when the audit failed during the run: the records are not all there
     */
    static void requireAuditWritten(JsonlAuditSink audit) {
        audit.failure().ifPresent(e -> {
            throw new AuditExit("audit failed during the run: " + e.getMessage(), 1);
        });
    }

    /**
     * @param e the audit's failure
     * @return its exit code, after printing its one line to the command's error stream
     */
    int exit(AuditExit e) {
        PrintWriter err = command != null ? command.commandLine().getErr() : new PrintWriter(System.err, true);
        err.println(e.getMessage());
        err.flush();
        return e.exitCode;
    }

    /** The audit could not start (exit code 2) or failed during the run (1): one line, no stack trace. */
    static final class AuditExit extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        AuditExit(String line, int exitCode) {
            super(line, null, false, false);
            this.exitCode = exitCode;
        }
    }

    /**
     * @param catalog the catalog the pipeline trades
     * @return the sizer and guards from {@code --risk-config}, or the seed's defaults
     */
    RiskLayer riskLayer(AssetCatalog catalog) {
        return riskConfig == null ? RiskLayer.defaults(catalog) : RiskLayer.fromConfig(riskConfig, catalog);
    }
}
