package io.aria.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The child JVM of one run of one part: {@code BenchPartMain <part> [smoke]}. Prints the part's
 * figures for the parent ({@link BenchContext#emit}); exits 1 with one line when the part fails.
 */
public final class BenchPartMain {

    private BenchPartMain() {
    }

    /**
     * @param args the part's name and optionally {@code smoke}
     * @throws IOException when the scratch folder cannot be made
     */
    public static void main(String[] args) throws IOException {
        BenchPart part;
        try {
            part = BenchParts.find(args[0]);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            System.exit(1);
            return;
        }
        boolean smoke = args.length > 1 && args[1].equals("smoke");
        Path dir = Files.createTempDirectory("aria-bench-" + part.name());
        try {
            for (Figure f : part.run(new BenchContext(smoke, dir, System.out))) {
                BenchContext.emit(f);
            }
        } catch (Exception e) {
            System.out.println(part.name() + " failed: " + e);
            System.out.flush();
            System.exit(1);
        } finally {
            delete(dir);
        }
        System.exit(0); // parts may leave non-daemon threads (sockets, JMH); the figures are out
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a scratch folder left in the temp dir is harmless
        }
    }
}
