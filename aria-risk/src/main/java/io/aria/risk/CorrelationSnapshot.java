package io.aria.risk;

import java.util.List;
import java.util.Objects;

/**
 * An immutable copy of a {@link CorrelationManager}'s correlation matrix. Thread-safe.
 */
public final class CorrelationSnapshot {

    private final List<String> symbols;
    private final double[] matrix;
    private final long samples;
    private final double estimateWeight;

    CorrelationSnapshot(List<String> symbols, double[] matrix, long samples, double estimateWeight) {
        this.symbols = List.copyOf(Objects.requireNonNull(symbols, "symbols"));
        this.matrix = matrix.clone();
        this.samples = samples;
        this.estimateWeight = estimateWeight;
    }

    /** @return the symbols, in row order */
    public List<String> symbols() {
        return symbols;
    }

    /** @return number of symbols */
    public int size() {
        return symbols.size();
    }

    /**
     * @param i row
     * @param j column
     * @return the correlation, in [-1, 1]
     */
    public double get(int i, int j) {
        return matrix[i * symbols.size() + j];
    }

    /**
     * @param a a symbol
     * @param b a symbol
     * @return their correlation
     * @throws IllegalArgumentException when a symbol is unknown
     */
    public double get(String a, String b) {
        return get(indexOf(a), indexOf(b));
    }

    private int indexOf(String s) {
        int i = symbols.indexOf(s);
        if (i < 0) {
            throw new IllegalArgumentException("symbol " + s + " is not in the snapshot");
        }
        return i;
    }

    /** @return a fresh copy of the matrix as rows */
    public double[][] toArray() {
        int n = symbols.size();
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(matrix, i * n, out[i], 0, n);
        }
        return out;
    }

    /** @return return samples behind the estimate */
    public long samples() {
        return samples;
    }

    /** @return weight of the estimate against the prior, in [0, 1]; 1 once warmed up */
    public double estimateWeight() {
        return estimateWeight;
    }

    @Override
    public String toString() {
        return "CorrelationSnapshot" + symbols + " samples=" + samples + " weight=" + estimateWeight;
    }
}
