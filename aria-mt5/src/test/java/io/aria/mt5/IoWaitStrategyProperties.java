package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** {@link IoWaitStrategy#parse}: every spelling of a strategy reads back as it, anything else is one line naming the value. */
class IoWaitStrategyProperties {

    @Property
    void everySpellingOfAStrategy_parsesBackToIt(@ForAll IoWaitStrategy s, @ForAll boolean lower, @ForAll boolean dash,
            @ForAll boolean padded) {
        String text = s.name();
        if (lower) {
            text = text.toLowerCase(Locale.ROOT);
        }
        if (dash) {
            text = text.replace('_', '-');
        }
        if (padded) {
            text = " " + text + "\t";
        }
        assertEquals(s, IoWaitStrategy.parse(text));
    }

    @Property
    void anythingElse_isRefusedInOneLineThatQuotesIt(@ForAll String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        Assume.that(!t.equals("BLOCKING") && !t.equals("YIELDING") && !t.equals("BUSY_SPIN"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IoWaitStrategy.parse(text));
        assertTrue(e.getMessage().startsWith("ioWaitStrategy must be one of blocking, yielding, busy-spin, was '"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("'" + text + "'"), e.getMessage());
    }
}
