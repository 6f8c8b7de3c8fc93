package io.aria.core.source.internal;

import io.aria.core.Tick;

/** How the data lines of one {@link TickFileReader.Layout} become ticks. One owner. */
interface TickLineFormat {

    /** @return the character between fields */
    char separator();

    /**
     * @param line   a data line, not blank
     * @param symbol the file's catalog symbol, or null for a layout that names it on each line
     * @return the tick, or null when the line is valid but delivers none
     * @throws TickText.Malformed when the line is malformed
     */
    Tick parse(String line, String symbol);
}
