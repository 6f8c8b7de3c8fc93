package io.aria.analytics;

import io.aria.core.AccountSnapshot;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.KillSwitch;
import io.aria.core.ModelVote;
import io.aria.core.PipelineCounters;
import io.aria.core.PipelineSnapshot;
import io.aria.core.PipelineStatus;
import io.aria.core.Position;
import io.aria.core.Regime;
import io.aria.core.Side;
import io.aria.core.TradeReturnCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small builders of core values for the analytics tests. */
final class Fixtures {

    static final long T0 = Instant.parse("2025-03-04T10:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000;

    private Fixtures() {
    }

    static PipelineCounters noCounters() {
        return new PipelineCounters(0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    static PipelineSnapshot snapshot(double equity, List<Position> positions) {
        return new PipelineSnapshot(PipelineStatus.RUNNING, T0, new AccountSnapshot("USD", equity, equity, 0, equity, 100, T0),
                positions, Set.of(), new KillSwitch.State(false, "never engaged", "", 0), noCounters());
    }

    static PipelineSnapshot flat(double equity) {
        return snapshot(equity, List.of());
    }

    static Position position(long ticket, String symbol, Side side, double lots, double mark) {
        return new Position(ticket, symbol, side, lots, mark, T0, 0, 0, mark, 0, "", 1);
    }

    /**
     * @param regime      regime
     * @param modelShares alternating model name and share (Double)
     * @return a LONG decision with those votes
     */
    static Decision decision(Regime regime, Object... modelShares) {
        List<ModelVote> votes = new ArrayList<>();
        for (int i = 0; i < modelShares.length; i += 2) {
            double share = (Double) modelShares[i + 1];
            votes.add(new ModelVote((String) modelShares[i], share > 0 ? 1 : -1, 0.5, 1, share));
        }
        return new Decision("EURUSD", T0, Direction.LONG, 0.7, 0.7, regime, votes, Map.of());
    }

    static ExecutionReport fill(String symbol, double slippage, long latencyNanos) {
        return new ExecutionReport("c" + latencyNanos, symbol, Side.BUY, ExecutionStatus.FILLED, 1, 1, 1, 1, 1, 1.1,
                1.1 + slippage, slippage, latencyNanos, TradeReturnCode.DONE, "done", T0);
    }

    static ExecutionReport partial(String symbol, double requested, double filled, long latencyNanos) {
        return new ExecutionReport("p" + latencyNanos, symbol, Side.SELL, ExecutionStatus.PARTIALLY_FILLED, 1, 1, 1,
                requested, filled, 1.1, 1.1, 0, latencyNanos, TradeReturnCode.DONE_PARTIAL, "partial", T0);
    }

    static ExecutionReport notFilled(String symbol, ExecutionStatus status, int code, long latencyNanos) {
        return new ExecutionReport("r" + latencyNanos, symbol, Side.BUY, status, 0, 0, 0, 1, 0, 1.1, 0, 0,
                latencyNanos, code, "no", T0);
    }
}
