package io.aria.analytics;

import io.aria.core.PipelineSnapshot;
import io.aria.core.Tick;
import io.aria.core.TradingPipeline;
import io.aria.core.ensemble.Bar;
import io.aria.core.spi.TickListener;
import io.aria.core.spi.TickSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A backtest: replays a finite {@link TickSource} (tick files, a synthetic session) through a
 * {@link TradingPipeline} driven in step mode on the calling thread, as fast as the pipeline goes,
 * with {@link HedgeFundAnalytics} listening, and returns the final snapshot and analytics.
 *
 * <pre>{@code
 * WeightedEnsemble ensemble = WeightedEnsemble.withDefaults(catalog);
 * Backtest.Result r = Backtest.builder()
 *         .pipeline(TradingPipeline.builder().catalog(catalog).ensemble(ensemble)
 *                 .sizer(risk.sizer()).riskGuard(risk.guard()).gateway(paperBroker).auditSink(audit))
 *         .source(TickSource.replay(Path.of("EURUSD_202401.csv")))
 *         .warmUp(Duration.ofHours(1), tick -> ensemble.warmUpTicks(List.of(tick)))
 *         .build()
 *         .run();
 * r.report().toJson();
 * }</pre>
 *
 * <p><b>Why here.</b> It lives in aria-analytics, not aria-core, because a backtest is a pipeline
 * run <em>plus its analytics</em>: this module already depends on aria-core's pipeline, so the
 * runner needs no hook added to the engine and aria-core stays free of analytics (DESIGN.md: core
 * depends on no other aria module). The pipeline itself is the unchanged one of paper and live
 * trading: same validation, models, sizer, guards, kill switch, audit.
 *
 * <p><b>Deterministic.</b> The source delivers its ticks from its own thread into a bounded
 * hand-over queue; this runner takes them in the source's order and calls
 * {@link TradingPipeline#step(Tick)} for each, on one thread. Nothing depends on wall-clock time
 * or thread timing, so the same ticks through the same (deterministic, seeded) plug-ins give the
 * same orders, fills and figures every time. Progress callbacks only read. Ticks are handed over
 * in batches of 1,024 (and the rest when the source ends), so the runner is meant for finite
 * sources, not a live feed.
 *
 * <p><b>Warm-up.</b> Either from the first part of the data ({@link Builder#warmUp(Duration, Consumer)}:
 * the ticks within that span of the first tick go to the given consumer, typically the ensemble's
 * {@code warmUpTicks} and the risk layer's volatility, and never reach the pipeline, so they are
 * not traded), or from history bars ({@link Builder#warmUpBars(List, Consumer)}), or both (bars
 * first). {@link Result#warmUp()} states what was used, for the report.
 *
 * <p><b>Stopping.</b> {@link #requestStop()} (any thread) or an interrupt of the running thread
 * ends the replay after the current tick; the result then says {@code completed == false}.
 * Not reusable: {@link #run()} once.
 */
public final class Backtest {

    /** Which part of the data a progress call is about. */
    public enum Phase {
        /** Ticks that warm the models up and are not traded. */
        WARM_UP,
        /** Ticks stepped through the pipeline. */
        TRADING
    }

    /** Told how far the replay is, on the running thread (so it may call {@code pipeline.snapshot()}). */
    @FunctionalInterface
    public interface ProgressListener {
        /**
         * @param phase       warm-up or trading
         * @param ticks       ticks of that phase so far
         * @param epochMillis the latest tick's time
         * @param pipeline    the pipeline being stepped; call only its read methods
         */
        void onProgress(Phase phase, long ticks, long epochMillis, TradingPipeline pipeline);
    }

    /**
     * How the models were warmed up before trading.
     *
     * @param ticks      ticks of the data used for warm-up (not traded)
     * @param fromMillis first warm-up tick's time, 0 when none
     * @param toMillis   last warm-up tick's time, 0 when none
     * @param bars       history bars used
     * @param span       the requested warm-up span of the data ({@link Duration#ZERO} for none)
     */
    public record WarmUp(long ticks, long fromMillis, long toMillis, long bars, Duration span) {
        public WarmUp {
            Objects.requireNonNull(span, "span");
            if (ticks < 0 || bars < 0) {
                throw new IllegalArgumentException("ticks and bars must be >= 0, were " + ticks + " and " + bars);
            }
        }

        /** @return one sentence for a report or a console, such as "first PT1H of the data (1,234 ticks ...), not traded" */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (bars > 0) {
                parts.add(String.format(java.util.Locale.ROOT, "%,d history bars", bars));
            }
            if (ticks > 0) {
                parts.add(String.format(java.util.Locale.ROOT, "the first %s of the data (%,d ticks, %s to %s), not traded",
                        span, ticks, Instant.ofEpochMilli(fromMillis), Instant.ofEpochMilli(toMillis)));
            } else if (!span.isZero()) {
                parts.add("no ticks within the first " + span + " of the data");
            }
            return parts.isEmpty() ? "none: the models learn from the traded data" : String.join(", then ", parts);
        }
    }

    /**
     * What a backtest produced.
     *
     * @param snapshot    the pipeline after it was closed: account, positions, counters
     * @param report      the analytics of the whole run, taken from {@code snapshot}
     * @param analytics   the listener that computed it (for the per-symbol tally and report files)
     * @param warmUp      what warmed the models up
     * @param ticks       ticks stepped through the pipeline (warm-up ticks not included)
     * @param firstMillis first traded tick's time, 0 when none
     * @param lastMillis  last traded tick's time, 0 when none
     * @param malformed   input records the source skipped
     * @param completed   false when stopped before the source ended
     */
    public record Result(PipelineSnapshot snapshot, AnalyticsReport report, HedgeFundAnalytics analytics, WarmUp warmUp,
            long ticks, long firstMillis, long lastMillis, long malformed, boolean completed) {
        public Result {
            Objects.requireNonNull(snapshot, "snapshot");
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(analytics, "analytics");
            Objects.requireNonNull(warmUp, "warmUp");
        }
    }

    private static final Object END = new Object();
    private static final int BATCH = 1024;

    private final TradingPipeline.Builder pipelineBuilder;
    private final TickSource source;
    private final HedgeFundAnalytics analytics;
    private final Duration warmUpSpan;
    private final Consumer<Tick> warmUpTicks;
    private final List<Bar> warmUpBars;
    private final Consumer<List<Bar>> warmUpBarsTo;
    private final ProgressListener progress;
    private final int progressEvery;
    private volatile boolean stopRequested;
    private volatile boolean ran;

    private Backtest(Builder b) {
        this.pipelineBuilder = b.pipeline;
        this.source = b.source;
        this.analytics = b.analytics != null ? b.analytics : HedgeFundAnalytics.builder().build();
        this.warmUpSpan = b.warmUpSpan;
        this.warmUpTicks = b.warmUpTicks;
        this.warmUpBars = b.warmUpBars;
        this.warmUpBarsTo = b.warmUpBarsTo;
        this.progress = b.progress;
        this.progressEvery = b.progressEvery;
    }

    /** @return a builder; a pipeline and a source are required */
    public static Builder builder() {
        return new Builder();
    }

    /** Asks a running backtest to stop after the current tick. Thread-safe, idempotent. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Runs the backtest on the calling thread: warms up, steps every tick, closes the pipeline
     * (and with it the gateway and the audit, unless the pipeline builder said
     * {@code closeComponents(false)}) and returns what it produced.
     *
     * @return the result
     * @throws IllegalStateException when called twice
     */
    public Result run() {
        synchronized (this) {
            if (ran) {
                throw new IllegalStateException("a Backtest runs once");
            }
            ran = true;
        }
        long bars = 0;
        if (!warmUpBars.isEmpty()) {
            warmUpBarsTo.accept(warmUpBars);
            bars = warmUpBars.size();
        }
        TradingPipeline pipeline = pipelineBuilder.tickSource(source).listener(analytics).build();
        Handoff handoff = new Handoff();
        long warmTicks = 0;
        long warmFrom = 0;
        long warmTo = 0;
        long traded = 0;
        long first = 0;
        long last = 0;
        boolean completed = false;
        boolean interrupted = false;
        try {
            source.start(handoff);
            long warmEnd = Long.MIN_VALUE; // known at the first tick
            long sinceProgress = 0;
            Phase phase = warmUpSpan.isZero() ? Phase.TRADING : Phase.WARM_UP;
            outer:
            while (true) {
                Object item;
                try {
                    item = handoff.poll(); // bounded wait: a stalled source still lets requestStop() end the run
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
                if (item == null) {
                    if (stopRequested) {
                        break;
                    }
                    continue;
                }
                if (item == END) {
                    completed = true;
                    break;
                }
                Tick[] batch = (Tick[]) item;
                for (Tick t : batch) {
                    if (t == null) {
                        break;
                    }
                    if (stopRequested || Thread.currentThread().isInterrupted()) {
                        interrupted = Thread.currentThread().isInterrupted();
                        break outer;
                    }
                    if (warmEnd == Long.MIN_VALUE) {
                        warmEnd = warmUpSpan.isZero() ? Long.MIN_VALUE + 1 : saturatedAdd(t.epochMillis(), warmUpSpan.toMillis());
                    }
                    if (t.epochMillis() < warmEnd) {
                        warmUpTicks.accept(t);
                        if (warmTicks++ == 0) {
                            warmFrom = t.epochMillis();
                        }
                        warmTo = t.epochMillis();
                    } else {
                        if (phase == Phase.WARM_UP) {
                            report(Phase.WARM_UP, warmTicks, warmTo, pipeline);
                            phase = Phase.TRADING;
                            sinceProgress = 0;
                        }
                        pipeline.step(t);
                        if (traded++ == 0) {
                            first = t.epochMillis();
                        }
                        last = t.epochMillis();
                    }
                    if (++sinceProgress >= progressEvery) {
                        sinceProgress = 0;
                        report(phase, phase == Phase.WARM_UP ? warmTicks : traded, t.epochMillis(), pipeline);
                    }
                }
                handoff.recycle(batch);
            }
            report(phase, phase == Phase.WARM_UP ? warmTicks : traded, phase == Phase.WARM_UP ? warmTo : last, pipeline);
        } finally {
            handoff.closed = true;
            source.close();
            boolean wasInterrupted = Thread.interrupted(); // closing the pipeline must not be cut short
            pipeline.close();
            if (wasInterrupted || interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        PipelineSnapshot snapshot = pipeline.snapshot();
        return new Result(snapshot, analytics.report(snapshot), analytics,
                new WarmUp(warmTicks, warmFrom, warmTo, bars, warmUpSpan), traded, first, last,
                source.malformedCount(), completed);
    }

    private void report(Phase phase, long ticks, long millis, TradingPipeline pipeline) {
        if (progress != null) {
            progress.onProgress(phase, ticks, millis, pipeline);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** Carries ticks from the source's thread to the running one in batches, in order. */
    private static final class Handoff implements TickListener {
        private final BlockingQueue<Object> full = new ArrayBlockingQueue<>(8);
        private final BlockingQueue<Tick[]> empty = new ArrayBlockingQueue<>(16);
        private Tick[] filling = new Tick[BATCH];
        private int n;
        volatile boolean closed;

        @Override
        public void onTick(Tick tick) {
            filling[n++] = tick;
            if (n == BATCH) {
                hand(filling);
                Tick[] next = empty.poll();
                filling = next != null ? next : new Tick[BATCH];
                n = 0;
            }
        }

        @Override
        public void onEnd(TickSource s) {
            if (n > 0) {
                if (n < BATCH) {
                    filling[n] = null;
                }
                hand(filling);
            }
            hand(END);
        }

        private void hand(Object o) {
            try {
                while (!closed && !full.offer(o, 50, TimeUnit.MILLISECONDS)) {
                    // the runner stopped taking: give up once it has closed
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        Object poll() throws InterruptedException {
            return full.poll(100, TimeUnit.MILLISECONDS);
        }

        void recycle(Tick[] batch) {
            java.util.Arrays.fill(batch, null);
            empty.offer(batch);
        }
    }

    /** Configures a {@link Backtest}. Not thread-safe. */
    public static final class Builder {
        private TradingPipeline.Builder pipeline;
        private TickSource source;
        private HedgeFundAnalytics analytics;
        private Duration warmUpSpan = Duration.ZERO;
        private Consumer<Tick> warmUpTicks = t -> { };
        private List<Bar> warmUpBars = List.of();
        private Consumer<List<Bar>> warmUpBarsTo = b -> { };
        private ProgressListener progress;
        private int progressEvery = 4096;

        private Builder() {
        }

        /**
         * @param v the pipeline to step, with everything but its tick source (this runner adds the
         *          source and the analytics listener); the pipeline is built by {@link Backtest#run()}
         * @return this builder
         */
        public Builder pipeline(TradingPipeline.Builder v) {
            this.pipeline = Objects.requireNonNull(v, "pipeline");
            return this;
        }

        /**
         * @param v a finite source (tick files, a synthetic session with a duration); a source that
         *          never ends runs until {@link Backtest#requestStop()}
         * @return this builder
         */
        public Builder source(TickSource v) {
            this.source = Objects.requireNonNull(v, "source");
            return this;
        }

        /**
         * @param v the analytics to feed (default: a new {@link HedgeFundAnalytics} on the default
         *          catalog; give one built with the pipeline's catalog when it trades another)
         * @return this builder
         */
        public Builder analytics(HedgeFundAnalytics v) {
            this.analytics = Objects.requireNonNull(v, "analytics");
            return this;
        }

        /**
         * Warms up from the first part of the data: every tick less than {@code span} after the
         * first tick goes to {@code to} instead of the pipeline, so it is not traded.
         *
         * @param span how much of the data, &gt;= 0 ({@link Duration#ZERO}: none, the default)
         * @param to   receives each warm-up tick in order, on the running thread
         * @return this builder
         * @throws IllegalArgumentException when span is negative
         */
        public Builder warmUp(Duration span, Consumer<Tick> to) {
            Objects.requireNonNull(span, "span");
            if (span.isNegative()) {
                throw new IllegalArgumentException("warmUp span must be >= 0, was " + span);
            }
            this.warmUpSpan = span;
            this.warmUpTicks = Objects.requireNonNull(to, "to");
            return this;
        }

        /**
         * Warms up from history bars, before any tick.
         *
         * @param bars bars in time order per symbol (for example from {@link io.aria.core.ensemble.BarCsv})
         * @param to   receives them once, on the running thread (for example {@code ensemble::warmUp})
         * @return this builder
         */
        public Builder warmUpBars(List<Bar> bars, Consumer<List<Bar>> to) {
            this.warmUpBars = List.copyOf(Objects.requireNonNull(bars, "bars"));
            this.warmUpBarsTo = Objects.requireNonNull(to, "to");
            return this;
        }

        /**
         * @param v     told how far the replay is
         * @param every call it every this many ticks (and at the end of each phase), &gt;= 1; default 4096
         * @return this builder
         * @throws IllegalArgumentException when every &lt; 1
         */
        public Builder progress(ProgressListener v, int every) {
            if (every < 1) {
                throw new IllegalArgumentException("progress every must be >= 1, was " + every);
            }
            this.progress = Objects.requireNonNull(v, "progress");
            this.progressEvery = every;
            return this;
        }

        /**
         * @return the backtest
         * @throws IllegalStateException when the pipeline or the source is missing
         */
        public Backtest build() {
            if (pipeline == null) {
                throw new IllegalStateException("pipeline is required");
            }
            if (source == null) {
                throw new IllegalStateException("source is required");
            }
            return new Backtest(this);
        }
    }
}
