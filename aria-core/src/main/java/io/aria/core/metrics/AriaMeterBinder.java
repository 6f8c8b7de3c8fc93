package io.aria.core.metrics;

import io.aria.core.ExecutionReport;
import io.aria.core.PipelineCounters;
import io.aria.core.PipelineSnapshot;
import io.aria.core.TickRejectReason;
import io.aria.core.audit.JsonlAuditSink;
import io.aria.core.live.GatewayConnection;
import io.aria.core.live.LiveEvent;
import io.aria.core.live.LiveExecution;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Binds a live pipeline's figures to a Micrometer registry in one line:
 * {@code new AriaMeterBinder(live).bindTo(registry)}.
 *
 * <p>Counters and gauges read the facade's shared snapshot ({@link LiveExecution#snapshot()}),
 * so a scrape costs the event loop at most one snapshot per the facade's {@code snapshotMaxAge},
 * however many meters and scrapers there are. Order latency and slippage are histograms recorded
 * from the facade's event stream as reports arrive. Micrometer is an optional dependency of
 * aria-core: only a program that uses this class needs it.
 *
 * <p>Meters: {@code aria_ticks_in_total}, {@code aria_ticks_rejected_total{reason}},
 * {@code aria_ticks_conflated_total}, {@code aria_decisions_total},
 * {@code aria_orders_total{outcome}}, {@code aria_orders_in_flight},
 * {@code aria_orders_blocked_total{rule}}, {@code aria_order_latency_seconds},
 * {@code aria_order_slippage_points{direction}}, {@code aria_equity}, {@code aria_drawdown},
 * {@code aria_kill_switch_engaged}, {@code aria_symbols_enabled}, {@code aria_positions_open},
 * {@code aria_connection_state{state}}, {@code aria_heartbeat_age_seconds} (links with
 * heartbeats only), {@code aria_audit_records_written_total}, {@code aria_audit_queue_high_water_mark},
 * {@code aria_component_errors_total}. Thread-safe.
 */
public final class AriaMeterBinder implements MeterBinder {

    private final LiveExecution live;
    private final Set<String> boundRules = ConcurrentHashMap.newKeySet();

    /** @param live the facade of the pipeline to watch */
    public AriaMeterBinder(LiveExecution live) {
        this.live = Objects.requireNonNull(live, "live");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        counter(registry, "aria.ticks.in", "ticks taken from the sources", Tags.empty(), PipelineCounters::ticksIn);
        for (TickRejectReason r : TickRejectReason.values()) {
            counter(registry, "aria.ticks.rejected", "ticks refused by validation", Tags.of("reason", r.name()),
                    c -> c.rejectedByReason().getOrDefault(r, 0L));
        }
        counter(registry, "aria.ticks.conflated", "ticks replaced by newer ones before the loop took them",
                Tags.empty(), PipelineCounters::ticksConflated);
        counter(registry, "aria.decisions", "decisions emitted by the ensemble", Tags.empty(),
                PipelineCounters::decisions);
        counter(registry, "aria.orders", "orders by outcome", Tags.of("outcome", "filled"), PipelineCounters::ordersFilled);
        counter(registry, "aria.orders", "orders by outcome", Tags.of("outcome", "partially_filled"),
                PipelineCounters::ordersPartiallyFilled);
        counter(registry, "aria.orders", "orders by outcome", Tags.of("outcome", "rejected"),
                PipelineCounters::ordersRejected);
        counter(registry, "aria.orders", "orders by outcome", Tags.of("outcome", "errored"),
                PipelineCounters::ordersErrored);
        counter(registry, "aria.orders", "orders by outcome", Tags.of("outcome", "unknown"),
                PipelineCounters::ordersUnknown);
        gauge(registry, "aria.orders.in.flight", "orders sent and not yet reported", s -> s.counters().ordersInFlight());
        counter(registry, "aria.component.errors", "exceptions thrown by plug-ins, caught and logged", Tags.empty(),
                PipelineCounters::componentErrors);
        bindRules(registry, live.snapshot().counters());
        gauge(registry, "aria.equity", "account equity in the account currency", s -> s.account().equity());
        gauge(registry, "aria.balance", "account balance in the account currency", s -> s.account().balance());
        Gauge.builder("aria.drawdown", live, l -> l.liveMetrics().drawdown())
                .description("peak equity minus equity now, in the account currency").register(registry);
        gauge(registry, "aria.kill.switch.engaged", "1 while the kill switch is engaged",
                s -> s.killSwitch().engaged() ? 1 : 0);
        gauge(registry, "aria.symbols.enabled", "symbols open for new trades", s -> s.enabledSymbols().size());
        gauge(registry, "aria.positions.open", "open positions", s -> s.positions().size());
        GatewayConnection conn = live.connection();
        for (GatewayConnection.State st : GatewayConnection.State.values()) {
            Gauge.builder("aria.connection.state", conn, c -> c.state() == st ? 1 : 0)
                    .description("1 for the gateway link's current state").tags("state", st.name()).register(registry);
        }
        if (conn.hasHeartbeat()) {
            Gauge.builder("aria.heartbeat.age", conn, c -> c.heartbeatAgeMillis() < 0 ? Double.NaN
                    : c.heartbeatAgeMillis() / 1000.0).description("seconds since the peer was last heard")
                    .baseUnit("seconds").register(registry);
        }
        if (live.auditStats().isPresent()) {
            FunctionCounter.builder("aria.audit.records.written", live,
                    l -> l.auditStats().map(JsonlAuditSink.Stats::recordsWritten).orElse(0L))
                    .description("audit records handed to the operating system").register(registry);
            Gauge.builder("aria.audit.queue.high.water.mark", live,
                    l -> l.auditStats().map(JsonlAuditSink.Stats::queueHighWaterMark).orElse(0))
                    .description("most audit records seen waiting at once").register(registry);
            Gauge.builder("aria.audit.queue.capacity", live,
                    l -> l.auditStats().map(JsonlAuditSink.Stats::queueCapacity).orElse(0))
                    .description("audit queue capacity").register(registry);
        }
        Timer latency = Timer.builder("aria.order.latency").description("from hand-off to the gateway until the outcome")
                .publishPercentileHistogram().register(registry);
        DistributionSummary adverse = slippage(registry, "adverse");
        DistributionSummary favourable = slippage(registry, "favourable");
        live.events().addListener(e -> {
            if (e instanceof LiveEvent.Execution x) {
                ExecutionReport r = x.report();
                latency.record(r.latencyNanos(), TimeUnit.NANOSECONDS);
                if (r.status().isFill()) {
                    live.pipeline().catalog().find(r.symbol()).ifPresent(spec -> {
                        if (spec.point() > 0) {
                            double points = r.slippage() / spec.point();
                            if (points < 0) {
                                favourable.record(-points);
                            } else {
                                adverse.record(points);
                            }
                        }
                    });
                }
            } else if (e instanceof LiveEvent.Blocked b && !boundRules.contains(b.code())) {
                bindRule(registry, b.code());
            }
        });
    }

    private static DistributionSummary slippage(MeterRegistry registry, String direction) {
        return DistributionSummary.builder("aria.order.slippage").baseUnit("points").tags("direction", direction)
                .description("slippage of fills in points: adverse (worse for the client, zero included) or favourable")
                .serviceLevelObjectives(0.5, 1, 2, 5, 10, 20, 50, 100).register(registry);
    }

    private void bindRules(MeterRegistry registry, PipelineCounters c) {
        for (String rule : c.blockedByCode().keySet()) {
            bindRule(registry, rule);
        }
        bindRule(registry, "KILL_SWITCH");
    }

    private void bindRule(MeterRegistry registry, String rule) {
        if (boundRules.add(rule)) {
            counter(registry, "aria.orders.blocked", "intents stopped by a risk rule or the kill switch",
                    Tags.of("rule", rule), c -> c.blockedByCode().getOrDefault(rule, 0L));
        }
    }

    private void counter(MeterRegistry registry, String name, String help, Tags tags,
            ToDoubleFunction<PipelineCounters> f) {
        FunctionCounter.builder(name, live, l -> f.applyAsDouble(l.snapshot().counters())).description(help)
                .tags(tags).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String help, ToDoubleFunction<PipelineSnapshot> f) {
        Gauge.builder(name, live, l -> f.applyAsDouble(l.snapshot())).description(help).register(registry);
    }
}
