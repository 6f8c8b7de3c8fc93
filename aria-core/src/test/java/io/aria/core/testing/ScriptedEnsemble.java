package io.aria.core.testing;

import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.Tick;
import io.aria.core.spi.EnsembleModel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An ensemble for tests: emits the direction set for a symbol on every tick and records what it saw. */
public final class ScriptedEnsemble implements EnsembleModel {

    public final List<Tick> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Direction> script = new ConcurrentHashMap<>();

    /** @param symbol symbol; @param d direction to emit from now on (null: emit nothing) */
    public void set(String symbol, Direction d) {
        if (d == null) {
            script.remove(symbol);
        } else {
            script.put(symbol, d);
        }
    }

    @Override
    public void onTick(Tick tick, Consumer<Decision> decisions) {
        seen.add(tick);
        Direction d = script.get(tick.symbol());
        if (d != null) {
            decisions.accept(new Decision(tick.symbol(), tick.epochMillis(), d, 0.8, d.sign() * 0.8,
                    io.aria.core.Regime.TREND, List.of(new io.aria.core.ModelVote("scripted", d.sign(), 0.8, 1, d == Direction.FLAT ? 0 : 1)),
                    Map.of("scripted.level", 1.0)));
        }
    }
}
