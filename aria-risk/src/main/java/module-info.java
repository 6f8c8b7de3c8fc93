/**
 * ARIA's risk layer: position sizers, risk guards and their configuration, all in
 * {@code io.aria.risk}. Its book-keeping and maths ({@code io.aria.risk.internal}) are not
 * exported.
 */
module io.aria.risk {
    requires transitive io.aria.core;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.slf4j;

    exports io.aria.risk;

    // No opens: Jackson binds RiskConfig and its records through their public
    // members, which an export is enough for (ModuleBoundaryTest round-trips them on the module path).
}
