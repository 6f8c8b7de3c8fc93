package io.aria.core;

/** The target direction an ensemble decision asks for. */
public enum Direction {
    LONG(1),
    SHORT(-1),
    FLAT(0);

    private final int sign;

    Direction(int sign) {
        this.sign = sign;
    }

    /** @return +1, -1 or 0 */
    public int sign() {
        return sign;
    }

    /** @return the order side that moves a flat book toward this direction; FLAT has none */
    public Side entrySide() {
        if (this == FLAT) {
            throw new IllegalStateException("direction FLAT has no entry side");
        }
        return this == LONG ? Side.BUY : Side.SELL;
    }
}
