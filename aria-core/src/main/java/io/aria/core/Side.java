package io.aria.core;

/** The side of an order or position. */
public enum Side {
    BUY(1),
    SELL(-1);

    private final int sign;

    Side(int sign) {
        this.sign = sign;
    }

    /** @return +1 for {@link #BUY}, -1 for {@link #SELL} */
    public int sign() {
        return sign;
    }

    /** @return the other side */
    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }
}
