package io.aria.mt5;

/** The account's position accounting ({@code ACCOUNT_MARGIN_MODE}). */
public enum MarginMode {
    /** One position per symbol; deals add to or reduce it. */
    NETTING,
    /** Exchange netting: one position per symbol. */
    EXCHANGE,
    /** A position per opening deal; closes name the position. */
    HEDGING;

    /** @return whether positions are one per symbol */
    public boolean isNetting() {
        return this != HEDGING;
    }

    /**
     * @param wire {@code netting}, {@code exchange} or {@code hedging}
     * @return the mode
     * @throws IllegalArgumentException for any other value
     */
    public static MarginMode fromWire(String wire) {
        return switch (wire) {
            case "netting" -> NETTING;
            case "exchange" -> EXCHANGE;
            case "hedging" -> HEDGING;
            default -> throw new IllegalArgumentException("margin_mode must be netting, exchange or hedging, was '" + wire + "'");
        };
    }

    /** @return the protocol's name */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
