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
 * [streams] [session hours]} (defaults 50, 5, 8).
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
     */
    public record Result(long ticks, double seconds, long requests, long errors, long events, List<String> fills) {
        /** @return ticks per second */
        public double ticksPerSecond() {
            return ticks / seconds;
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
        Path data = Files.createTempDirectory("aria-api-bench");
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
                    threads.add(daemon("poller-" + i, () -> poll(http, server.url(), first, stop, requests, errors)));
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
                long ticks = paper.pipeline().snapshot().counters().ticksIn();
                stop.set(true);
                for (Thread t : threads) {
                    t.join(TimeUnit.SECONDS.toMillis(10));
                }
                return new Result(ticks, seconds, requests.get(), errors.get(), events.get(), List.copyOf(fills));
            }
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void poll(HttpClient http, String base, int first, AtomicBoolean stop, AtomicLong requests,
            AtomicLong errors) {
        int i = first;
        while (!stop.get()) {
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
        run(0, 0, Duration.ofMinutes(30), 1); // warm-up
        Result quiet = run(0, 0, session, 42);
        Result busy = run(clients, streams, session, 42);
        Result quiet2 = run(0, 0, session, 42);
        System.out.printf(Locale.ROOT, "session %s, 21 symbols, seed 42, %d ticks%n", session, quiet.ticks());
        System.out.printf(Locale.ROOT, "no clients:        %,12.0f ticks/s (%.2f s)%n", quiet.ticksPerSecond(), quiet.seconds());
        System.out.printf(Locale.ROOT, "%d pollers, %d streams: %,12.0f ticks/s (%.2f s), %,d requests (%,.0f/s), %d errors, %,d events%n",
                clients, streams, busy.ticksPerSecond(), busy.seconds(), busy.requests(), busy.requests() / busy.seconds(),
                busy.errors(), busy.events());
        System.out.printf(Locale.ROOT, "no clients again:  %,12.0f ticks/s (%.2f s)%n", quiet2.ticksPerSecond(), quiet2.seconds());
        System.out.printf(Locale.ROOT, "same fills with and without clients: %s (%d fills)%n",
                quiet.fills().equals(busy.fills()) && quiet.fills().equals(quiet2.fills()), quiet.fills().size());
    }
}
