package io.aria.examples.bench;

import java.util.ArrayList;
import java.util.List;

/** The parts of the {@code bench} suite, in the order they run. */
public final class BenchParts {

    private BenchParts() {
    }

    /** @return every part, in the order of a full run */
    public static List<BenchPart> all() {
        List<BenchPart> parts = new ArrayList<>();
        // one line per part; keep the order: cheap and stable parts first
        parts.add(new IndicatorsPart());
        parts.add(new EnsemblePart());
        parts.add(new AnalyticsPart());
        parts.add(new AuditPart());
        parts.add(new PipelinePart());
        parts.add(new StrategyPart());
        parts.add(new ScalingPart());
        parts.add(new BridgeBench());
        parts.add(new ApiPart());
        return List.copyOf(parts);
    }

    /**
     * @param name a part's name, or the class name of a {@link BenchPart} with a public no-argument
     *             constructor (for tests and for users' own parts)
     * @return the part
     * @throws IllegalArgumentException naming the value and the known parts when there is none
     */
    public static BenchPart find(String name) {
        for (BenchPart p : all()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        if (name.contains(".")) {
            try {
                Object o = Class.forName(name).getDeclaredConstructor().newInstance();
                if (o instanceof BenchPart p) {
                    return p;
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // fall through to the one-line error
            }
        }
        throw new IllegalArgumentException("no bench part '" + name + "'; the parts are " + names());
    }

    /**
     * @param part a part
     * @return what finds it again in a child JVM: its name when it is one of {@link #all()}, else
     *         its class name
     */
    static String key(BenchPart part) {
        return all().stream().anyMatch(p -> p.name().equals(part.name())) ? part.name() : part.getClass().getName();
    }

    /** @return the names of all parts, comma-separated */
    static String names() {
        return String.join(", ", all().stream().map(BenchPart::name).toList());
    }
}
