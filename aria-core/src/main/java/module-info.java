/**
 * ARIA's core: the value types and the pipeline ({@code io.aria.core}), the plug-in interfaces
 * ({@code io.aria.core.spi}), and the default parts a pipeline is assembled from: the audit
 * trail, the ensemble, the indicators, the paper broker and the tick sources.
 *
 * <p>Only these API packages are exported. The engine, its queue, recovery, the shared JSON
 * configuration ({@code io.aria.core.internal}) and the tick readers
 * ({@code io.aria.core.source.internal}) are not, so no program, and no other ARIA module, can
 * depend on them.
 */
module io.aria.core {
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    // java.time values (trading hours' zones, audit times) in the catalog and the audit JSON
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.slf4j;
    // optional: only a program that binds AriaMeterBinder to a registry needs Micrometer
    requires static micrometer.core;

    exports io.aria.core;
    exports io.aria.core.audit;
    exports io.aria.core.ensemble;
    exports io.aria.core.indicators;
    exports io.aria.core.live;
    exports io.aria.core.metrics;
    exports io.aria.core.paper;
    exports io.aria.core.source;
    exports io.aria.core.spi;

    // Jackson binds the catalog by reflection, through a private record (AssetCatalog.Document).
    // The audit records and every other bound type are public records of exported packages,
    // which Jackson reaches without an opens (ModuleBoundaryTest writes and reads them).
    opens io.aria.core to com.fasterxml.jackson.databind;
}
