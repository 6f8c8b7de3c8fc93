package io.aria.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.OrderRequest;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** Client order ids: unique across instances started at the same instant, always within MT5's comment. */
class OrderIdsProperties {

    private static final long LAST_COUNTER = (long) Math.pow(36, OrderIds.MIN_COUNTER_DIGITS) - 1;

    @Property(tries = 300)
    void everyIdFitsTheCommentAndIsPrintableAscii(
            @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 8) String prefix,
            @ForAll @LongRange(min = 1, max = 101_559_956_668_415L) long counter) {
        String id = OrderIds.format(prefix, OrderIds.newInstanceTag(prefix), counter);
        assertTrue(id.length() <= OrderRequest.MAX_COMMENT_LENGTH, id + " has " + id.length() + " characters");
        assertTrue(id.chars().allMatch(c -> c > 32 && c < 127), id);
        OrderRequest.market(id, "EURUSD", io.aria.core.Side.BUY, 0.1, 1.1); // the request accepts it
        String[] parts = id.split("-");
        assertEquals(3, parts.length, id);
        assertEquals(prefix, parts[0]);
        assertEquals(OrderIds.INSTANCE_LENGTH, parts[1].length());
        assertEquals(counter, Long.parseLong(parts[2], 36), "the counter reads back from " + id);
    }

    @Example
    void theLargestCounterFitsWithTheLongestPrefix_theNextOneIsRefusedClearly() {
        String prefix = "ABCDEFGH";
        String tag = OrderIds.newInstanceTag(prefix);
        assertEquals(OrderRequest.MAX_COMMENT_LENGTH, OrderIds.format(prefix, tag, LAST_COUNTER).length());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OrderIds.format(prefix, tag, LAST_COUNTER + 1));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }

    /** The old tag was the clock's second: every instance created in one second shared it. Now none do. */
    @Example
    void tenThousandInstancesCreatedAtOnce_neverShareAFirstId() {
        Set<String> first = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = OrderIds.format("ARIA", OrderIds.newInstanceTag("ARIA"), 1);
            assertTrue(first.add(id), "instance " + i + " repeated id " + id);
        }
    }

    @Property(tries = 200)
    void tagsUseOnlyTheUnambiguousBase32Alphabet(@ForAll @AlphaChars @StringLength(min = 1, max = 8) String prefix) {
        String tag = OrderIds.newInstanceTag(prefix);
        assertTrue(tag.matches("[0-9a-hjkmnp-tv-z]{12}"), tag);
    }

    @Example
    void badPrefixes_areRefusedWithOneLineNamingTheOptionAndTheValue() {
        for (String bad : new String[] {"", "ABCDEFGHI", "AR-IA", "AR IA", "ARÏA"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OrderIds.newInstanceTag(bad));
            assertTrue(e.getMessage().startsWith("clientOrderIdPrefix must be 1 to 8"), e.getMessage());
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> OrderIds.checkPrefix(null));
        assertNotEquals(OrderIds.newInstanceTag("A"), OrderIds.newInstanceTag("A"));
    }
}
