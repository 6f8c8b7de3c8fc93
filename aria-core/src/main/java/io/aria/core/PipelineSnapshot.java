package io.aria.core;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, consistent picture of a pipeline, taken on its event loop between two events.
 *
 * @param status         lifecycle state
 * @param epochMillis    the pipeline's time (the last tick's time in replays)
 * @param account        the account marked to market by the pipeline
 * @param positions      open positions marked to market
 * @param enabledSymbols symbols open for new trades
 * @param killSwitch     the kill switch's state
 * @param counters       the counters
 */
public record PipelineSnapshot(
        PipelineStatus status,
        long epochMillis,
        AccountSnapshot account,
        List<Position> positions,
        Set<String> enabledSymbols,
        KillSwitch.State killSwitch,
        PipelineCounters counters) {

    public PipelineSnapshot {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(account, "account");
        positions = List.copyOf(Objects.requireNonNull(positions, "positions"));
        enabledSymbols = Set.copyOf(Objects.requireNonNull(enabledSymbols, "enabledSymbols"));
        Objects.requireNonNull(killSwitch, "killSwitch");
        Objects.requireNonNull(counters, "counters");
    }
}
