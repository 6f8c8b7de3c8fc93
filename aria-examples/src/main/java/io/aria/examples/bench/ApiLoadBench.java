package io.aria.examples.bench;

import io.aria.core.ExecutionReport;
import io.aria.core.live.LiveEvent;
import io.aria.examples.server.AriaServer;
import io.aria.examples.server.PaperLive;
import io.aria.examples.server.ServerConfig;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pipeline's throughput while HTTP clients poll the control API and stream its events: a
 * paper pipeline on synthetic ticks at full speed (a fixed seed, so every run trades the same),
 * the API on loopback, {@code clients} threads each polling status, positions, live metrics,
 * execution statistics, performance, risk and /metrics in turn as fast as answers come, and
 * {@code streams} event-stream readers. Prints ticks per second with and without the clients,
 * measured in the same run, and whether the trades were the same.
 *
 * <p>Run: {@code java -cp aria-examples/target/aria-examples.jar io.aria.examples.bench.ApiLoadBench [clients]
 * [streams] [session hours] [pause ms]} (defaults 50, 5, 8, 1000): runs without clients, with
 * clients pausing between requests, with clients flat out, and without clients again.
 */
public final class ApiLoadBench {

    private static final String TOKEN = "bench-token-0123456789abcdef";
    private static final List<String> PATHS = List.of("/live-execution/status", "/live-execution/positions",
            "/live-execution/live-metrics", "/live-execution/execution-stats", "/hedge-fund/performance",
            "/hedge-fund/risk", "/metrics");

    private ApiLoadBench() {
    }

    /**
     * One run's figures.
     *
     * @param ticks    ticks the pipeline took
     * @param seconds  wall time from the quick start until the pipeline was quiescent
     * @param requests HTTP requests answered meanwhile
     * @param errors   HTTP requests that did not answer 200
     * @param events   stream events read
     * @param fills    what the broker reported, in order, without the run's random order ids
     * @param loopCpuSeconds CPU time of the pipeline's event-loop thread (its own cost, whatever its share of the CPU)
     */
    public record Result(long ticks, double seconds, long requests, long errors, long events, List<String> fills,
            double loopCpuSeconds) {
        /** @return ticks per second of wall time */
        public double ticksPerSecond() {
            return ticks / seconds;
        }

        /** @return ticks per second of the loop thread's CPU time */
        public double ticksPerCpuSecond() {
            return ticks / loopCpuSeconds;
        }
    }

    /**
     * @param clients polling clients
     * @param streams event-stream readers
     * @param session simulated session length
     * @param seed    the ticks' seed
     * @return the run's figures
     * @throws Exception when the audit folder cannot be made or the pipeline does not finish
     */
    public static Result run(int clients, int streams, Duration session, long seed) throws Exception {
        return run(clients, streams, session, seed, 0);
    }

    /**
     * @param clients    polling clients
     * @param streams    event-stream readers
     * @param session    simulated session length
     * @param seed       the ticks' seed
     * @param pauseMillis each client's pause between two requests (0: as fast as answers come)
     * @return the run's figures
     * @throws Exception when the audit folder cannot be made or the pipeline does not finish
     */
    public static Result run(int clients, int streams, Duration session, long seed, long pauseMillis)
            throws Exception {
        Path data = Files.createTempDirectory("aria-api-bench");
        try {
            return run(data, clients, streams, session, seed, pauseMillis);
        } finally {
            AuditBenchmark.delete(data); // the run's audit trail and state: every run left one behind
        }
    }

    private static Result run(Path data, int clients, int streams, Duration session, long seed, long pauseMillis)
            throws Exception {
        List<String> fills = new CopyOnWriteArrayList<>();
        try (PaperLive paper = PaperLive.create(data, seed, 0, Instant.parse("2025-03-03T07:00:00Z"), session, null,
                100_000)) {
            paper.live().events().addListener(e -> {
                if (e instanceof LiveEvent.Execution x) {
                    ExecutionReport r = x.report();
                    fills.add(r.symbol() + " " + r.side() + " " + r.status() + " " + r.filledVolume() + " @ "
                            + r.fillPrice() + " t=" + r.epochMillis());
                }
            });
            try (AriaServer server = AriaServer.start(paper.live(), paper.analytics(),
                    ServerConfig.builder().port(0).token(TOKEN).maxStreams(Math.max(1, streams)).build())) {
                AtomicBoolean stop = new AtomicBoolean();
                AtomicLong requests = new AtomicLong();
                AtomicLong errors = new AtomicLong();
                AtomicLong events = new AtomicLong();
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    int first = i;
                    threads.add(daemon("poller-" + i, () -> poll(http, server.url(), first, stop, requests, errors, pauseMillis)));
                }
                for (int i = 0; i < streams; i++) {
                    threads.add(daemon("stream-" + i, () -> stream(http, server.url(), stop, events)));
                }
                threads.forEach(Thread::start);
                long t0 = System.nanoTime();
                // every symbol, as the pipeline benchmarks trade all 21: queued before the start, so
                // applied before the first tick (enabled after the start, they would race the ticks)
                for (String s : paper.catalog().symbols()) {
                    paper.pipeline().setSymbolEnabled(s, true, "bench");
                }
                paper.live().quickStart("bench");
                if (!paper.pipeline().awaitQuiescent(Duration.ofMinutes(30))) {
                    throw new IllegalStateException("the pipeline did not finish within 30 minutes");
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpu = loopCpuSeconds();
                long ticks = paper.pipeline().snapshot().counters().ticksIn();
                stop.set(true);
                for (Thread t : threads) {
                    t.join(TimeUnit.SECONDS.toMillis(10));
                }
                return new Result(ticks, seconds, requests.get(), errors.get(), events.get(), List.copyOf(fills), cpu);
            }
        }
    }

    private static double loopCpuSeconds() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("aria-pipeline")) {
                return mx.getThreadCpuTime(t.getId()) / 1e9;
            }
        }
        return Double.NaN;
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void poll(HttpClient http, String base, int first, AtomicBoolean stop, AtomicLong requests,
            AtomicLong errors, long pauseMillis) {
        int i = first;
        while (!stop.get()) {
            if (pauseMillis > 0) {
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
            String path = PATHS.get(i++ % PATHS.size());
            HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                    .timeout(Duration.ofSeconds(30)).GET().build();
            try {
                HttpResponse<byte[]> resp = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
                requests.incrementAndGet();
                if (resp.statusCode() != 200) {
                    errors.incrementAndGet();
                }
            } catch (java.io.IOException e) {
                errors.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void stream(HttpClient http, String base, AtomicBoolean stop, AtomicLong events) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/live-execution/events?access_token=" + TOKEN))
                .GET().build();
        try {
            HttpResponse<InputStream> resp = http.send(r, HttpResponse.BodyHandlers.ofInputStream());
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(resp.body(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while (!stop.get() && (line = in.readLine()) != null) {
                    if (line.startsWith("event: ")) {
                        events.incrementAndGet();
                    }
                }
            }
        } catch (java.io.IOException | InterruptedException e) {
            // the run ended
        }
    }

    /**
     * @param args clients (default 50), streams (default 5), session hours (default 8)
     * @throws Exception when a run fails
     */
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int streams = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Duration session = Duration.ofHours(args.length > 2 ? Long.parseLong(args[2]) : 8);
        long pause = args.length > 3 ? Long.parseLong(args[3]) : 1000;
        run(0, 0, Duration.ofMinutes(30), 1); // warm-up
        Result quiet = run(0, 0, session, 42);
        Result paced = run(clients, streams, session, 42, pause);
        Result flat = run(clients, streams, session, 42, 0);
        Result quiet2 = run(0, 0, session, 42);
        System.out.printf(Locale.ROOT, "session %s, 21 symbols, seed 42, %d ticks; %d cores%n", session, quiet.ticks(),
                Runtime.getRuntime().availableProcessors());
        line("no clients", quiet);
        line(clients + " pollers every " + pause + " ms + " + streams + " streams", paced);
        line(clients + " pollers flat out + " + streams + " streams", flat);
        line("no clients again", quiet2);
        System.out.printf(Locale.ROOT, "same fills with and without clients: %s (%d fills)%n",
                quiet.fills().equals(paced.fills()) && quiet.fills().equals(flat.fills())
                        && quiet.fills().equals(quiet2.fills()), quiet.fills().size());
    }

    private static void line(String what, Result r) {
        System.out.printf(Locale.ROOT, "%-42s %,9.0f ticks/s wall (%.2f s), %,9.0f ticks per loop CPU second;"
                + " %,d requests (%,.0f/s), %d errors, %,d events%n", what + ":", r.ticksPerSecond(), r.seconds(),
                r.ticksPerCpuSecond(), r.requests(), r.requests() / r.seconds(), r.errors(), r.events());
    }
}
