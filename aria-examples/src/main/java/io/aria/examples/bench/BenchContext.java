package io.aria.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a {@link BenchPart} gets: whether this is a smoke pass (seconds, figures meaningless), a
 * scratch folder deleted after the run, a log for progress lines, and a way to run a further JVM
 * (another GC, another JDK) whose figures come back as this part's.
 *
 * @param smoke   a smoke pass: as short as possible, only proves the part still runs
 * @param workDir scratch folder of this run
 * @param log     progress lines (the console of the parent)
 */
public record BenchContext(boolean smoke, Path workDir, PrintStream log) {

    static final String FIGURE_PREFIX = "BENCH-FIGURE ";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param full  the value of a real run
     * @param smoke the value of a smoke pass
     * @return the one that applies
     */
    public long scale(long full, long smoke) {
        return this.smoke ? smoke : full;
    }

    /**
     * Runs {@code main} in a new JVM on the same class path and returns the figures it emitted with
     * {@link #emit}. A JVM that exits with a non-zero status is a failure of this part.
     *
     * @param java     the {@code java} launcher to use, or null for the one running now
     * @param jvmArgs  JVM options (GC, heap)
     * @param main     class with a {@code main} that calls {@link #emit}
     * @param args     its arguments
     * @param timeout  longest wait in seconds
     * @return the figures it emitted, in order
     * @throws IOException          when it cannot be started or fails
     * @throws InterruptedException when interrupted while waiting
     */
    public List<Figure> fork(Path java, List<String> jvmArgs, Class<?> main, List<String> args, long timeout)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java != null ? java.toString() : currentJava());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Figure> figures = new ArrayList<>();
        List<String> tail = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(FIGURE_PREFIX)) {
                    figures.add(parse(line.substring(FIGURE_PREFIX.length())));
                } else {
                    log.println("    " + line);
                    tail.add(line);
                    if (tail.size() > 20) {
                        tail.remove(0);
                    }
                }
            }
        }
        if (!p.waitFor(timeout, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(main.getSimpleName() + " did not end within " + timeout + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(main.getSimpleName() + " " + String.join(" ", args) + " exited with " + p.exitValue()
                    + (tail.isEmpty() ? "" : ": " + tail.get(tail.size() - 1)));
        }
        return figures;
    }

    /**
     * Prints a figure for the parent JVM to collect (used by the {@code main} of a forked JVM).
     *
     * @param f the figure
     */
    public static void emit(Figure f) {
        try {
            System.out.println(FIGURE_PREFIX + JSON.writeValueAsString(f));
            System.out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Figure parse(String json) throws IOException {
        JsonNode n = JSON.readTree(json);
        return new Figure(n.path("id").asText(), n.path("label").asText(), n.path("value").asDouble(),
                n.path("unit").asText(), text(n, "baseline"), text(n, "goal"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** @return the {@code java} launcher of the running JVM */
    static String currentJava() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * @return the newest other JDK on this machine ({@code /usr/lib/jvm/*25*}), or null
     */
    public static Path jdk25() {
        Path jvm = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvm)) {
            return null;
        }
        try (var s = Files.list(jvm)) {
            return s.filter(d -> d.getFileName().toString().contains("25"))
                    .map(d -> d.resolve("bin/java")).filter(Files::isExecutable).sorted().findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
