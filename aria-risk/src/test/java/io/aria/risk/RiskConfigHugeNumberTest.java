package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A whole-number field given a number too large for a double (1e400 reads as infinity). */
class RiskConfigHugeNumberTest {

    @Test
    void aWholeNumberBeyondDoubleRange_isOutOfRange_notAnUncaughtNumberFormatException() {
        RiskConfigException e = assertThrows(RiskConfigException.class,
                () -> RiskConfig.fromJson("{\"maxOpenPositions\": 1e400}"));
        assertTrue(e.getMessage().contains("maxOpenPositions") && e.getMessage().contains("out of range"),
                e.getMessage());
    }
}
