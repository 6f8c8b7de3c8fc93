package io.aria.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke pass of every part of {@code aria bench}, as CI runs it, so no benchmark rots: each part
 * runs (in this JVM, a few seconds), measures something, names its baselines among its own
 * figures and writes goals that parse. Nothing here asserts a time.
 */
class BenchSmokeTest {

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyPart_runsInSmokeMode_andItsFiguresAreWellFormed() {
        return BenchParts.all().stream().map(part -> DynamicTest.dynamicTest(part.name(), () -> {
            Path work = Files.createDirectories(dir.resolve(part.name()));
            List<Figure> figures = part.run(new BenchContext(true, work, System.out));
            assertFalse(figures.isEmpty(), part.name() + " measured nothing");
            Set<String> ids = new HashSet<>();
            for (Figure f : figures) {
                assertTrue(ids.add(f.id()), part.name() + ": figure id " + f.id() + " twice");
                assertTrue(Double.isFinite(f.value()), part.name() + ": " + f.id() + " = " + f.value());
            }
            for (Figure f : figures) {
                if (f.baseline() != null) {
                    assertTrue(ids.contains(f.baseline()), part.name() + ": " + f.id() + " names baseline "
                            + f.baseline() + ", which the part did not measure");
                }
            }
            assertEquals(part.getClass(), BenchParts.find(part.name()).getClass(), "found by its name");
        }));
    }
}
