/**
 * ARIA's MetaTrader 5 bridge: the JeroMQ gateway and tick source ({@code io.aria.mt5}) and the
 * simulated terminal that speaks the same protocol ({@code io.aria.mt5.sim}). The wire format,
 * the socket loop and the message types ({@code io.aria.mt5.internal}) are not exported.
 */
module io.aria.mt5 {
    requires transitive io.aria.core;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    // JeroMQ needs jnacl (requires static there) for CURVE: on the module path add --add-modules jnacl
    requires org.zeromq.jeromq;

    exports io.aria.mt5;
    exports io.aria.mt5.sim;
}
