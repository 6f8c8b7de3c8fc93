package io.aria.examples.bench;

import io.aria.core.AccountMode;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.Side;
import io.aria.mt5.Mt5Config;
import io.aria.mt5.Mt5Connection;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Wake-ups per order round trip through {@code Mt5Gateway} (default options): the summed voluntary
 * context switches of every thread of the process per order, one order at a time, optionally
 * with a pause between orders. Uses only API that aria-mt5 had before the wait strategies, so the
 * same class runs against an older aria-mt5 on the class path, for a before/after count
 * (docs/bench/bridge.md).
 *
 * <p>Usage: {@code java -cp ... io.aria.examples.bench.BridgeWakeups [orders] [pauseMicros]}
 * (defaults 2000 and 0). Linux only (/proc).
 */
public final class BridgeWakeups {

    private BridgeWakeups() {
    }

    /**
     * @param args [orders] [pauseMicros]
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long pause = args.length > 1 ? TimeUnit.MICROSECONDS.toNanos(Long.parseLong(args[1])) : 0;
        Clock wednesday = Clock.offset(Clock.systemUTC(),
                Duration.between(Instant.now(), Instant.parse("2024-01-03T12:00:00Z")));
        try (SimulatedMt5Terminal terminal = SimulatedMt5Terminal.builder().symbols(List.of("EURUSD"))
                .accountMode(AccountMode.NETTING).balance(1e9).tickInterval(Duration.ZERO).clock(wednesday).start();
                Mt5Connection c = Mt5Connection.open(Mt5Config.builder().commandEndpoint(terminal.commandEndpoint())
                        .eventEndpoint(terminal.eventEndpoint()).symbols(List.of("EURUSD")).clock(wednesday).build())) {
            c.connect().get(10, TimeUnit.SECONDS);
            double[] q = terminal.quote("EURUSD");
            for (int round = 0; round < 2; round++) { // the first round warms up
                long s0 = BridgeBench.voluntarySwitches();
                for (int i = 0; i < n; i++) {
                    Side side = i % 2 == 0 ? Side.BUY : Side.SELL;
                    ExecutionReport r = c.gateway().submit(OrderRequest.market("h" + round + "-" + i, "EURUSD", side,
                            0.01, side == Side.BUY ? q[1] : q[0])).toCompletableFuture().get(10, TimeUnit.SECONDS);
                    if (r.status() != ExecutionStatus.FILLED) {
                        throw new IllegalStateException(r.toString());
                    }
                    if (pause > 0) {
                        LockSupport.parkNanos(pause);
                    }
                }
                long s1 = BridgeBench.voluntarySwitches() - (pause > 0 ? n : 0);
                System.out.printf("round %d: %.2f voluntary context switches per round trip (%d orders, pause %d us)%n",
                        round, (s1 - s0) / (double) n, n, TimeUnit.NANOSECONDS.toMicros(pause));
            }
        }
    }
}
