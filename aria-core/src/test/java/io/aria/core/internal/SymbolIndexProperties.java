package io.aria.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UniqueElements;

/** The catalog's symbol index: a lookup finds exactly the symbols it holds, in a few slots. */
@Label("symbol index")
class SymbolIndexProperties {

    @Property(tries = 300)
    @Label("every symbol finds its own index, also through an equal but distinct string; others find -1")
    void findsExactlyItsSymbols(@ForAll @Size(max = 300) @UniqueElements List<@StringLength(min = 1, max = 12) String> symbols,
            @ForAll @StringLength(max = 12) String other) {
        SymbolIndex index = new SymbolIndex(symbols);
        for (int i = 0; i < symbols.size(); i++) {
            assertEquals(i, index.indexOf(symbols.get(i)), symbols.get(i));
            assertEquals(i, index.indexOf(new String(symbols.get(i).toCharArray())), "a copy of " + symbols.get(i));
        }
        assertEquals(symbols.indexOf(other), index.indexOf(other), other);
        assertEquals(-1, index.indexOf(null));
    }

    @Property(tries = 100)
    @Label("a symbol given twice is refused with one line naming it")
    void refusesDuplicates(@ForAll @Size(min = 1, max = 50) @UniqueElements List<@StringLength(min = 1, max = 8) String> symbols) {
        List<String> twice = new ArrayList<>(symbols);
        twice.add(symbols.get(symbols.size() / 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SymbolIndex(twice));
        assertEquals("symbol " + symbols.get(symbols.size() / 2) + " appears twice in the catalog", e.getMessage());
    }

    @Example
    @Label("2,100 names that differ only in their last digits stay a few slots from home")
    void numberedNames_doNotClusterIntoLongRuns() {
        List<String> names = new ArrayList<>();
        for (int copy = 0; copy < 100; copy++) {
            for (String base : AssetCatalog.defaults().symbols()) {
                names.add(String.format(Locale.ROOT, "%s_%04d", base, copy));
            }
        }
        for (String broker : List.of("EURUSD.m", "EURUSDm", "EURUSD.pro", "EURUSD#", "GBPUSD.r")) {
            for (int k = 0; k < 100; k++) {
                names.add(broker + k);
            }
        }
        SymbolIndex index = new SymbolIndex(names);
        long total = 0;
        int worst = 0;
        for (String s : names) {
            int p = index.probes(s);
            total += p;
            worst = Math.max(worst, p);
        }
        double mean = total / (double) names.size();
        // an unmixed hash (Map.copyOf's) puts such names in neighbouring slots: long runs
        assertTrue(mean < 2.0, "mean probes " + mean);
        assertTrue(worst <= 16, "worst probes " + worst);
        Set<Integer> seen = new HashSet<>();
        for (String s : names) {
            assertTrue(seen.add(index.indexOf(s)), "index of " + s + " given twice");
        }
    }
}
