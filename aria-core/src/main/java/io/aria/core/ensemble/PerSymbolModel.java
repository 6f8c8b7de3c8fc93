package io.aria.core.ensemble;

import io.aria.core.Values;
import java.util.function.Supplier;

/**
 * Plumbing shared by the built-in models: one state object per symbol, created up front, that
 * holds the symbol's current vote and confidence. Not thread-safe.
 *
 * @param <S> the model's per-symbol state
 */
abstract class PerSymbolModel<S extends PerSymbolModel.Vote> implements SignalModel {

    /** The part of a symbol's state every model has. */
    static class Vote {
        double vote;
        double confidence;
        int bars;
    }

    private final String name;
    private final int warmUp;
    private final Vote[] states;

    PerSymbolModel(String name, int symbols, int warmUp, Supplier<S> newState) {
        Values.atLeast(symbols, 1, "symbols");
        this.name = name;
        this.warmUp = warmUp;
        this.states = new Vote[symbols];
        for (int i = 0; i < symbols; i++) {
            states[i] = newState.get();
        }
    }

    @SuppressWarnings("unchecked")
    final S state(int symbol) {
        return (S) states[symbol];
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int warmUpBars() {
        return warmUp;
    }

    @Override
    public final double vote(int symbol) {
        return states[symbol].vote;
    }

    @Override
    public final double confidence(int symbol) {
        return states[symbol].confidence;
    }
}
