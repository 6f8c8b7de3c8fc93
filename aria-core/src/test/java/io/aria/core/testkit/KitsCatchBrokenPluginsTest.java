package io.aria.core.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aria.core.AssetSpec;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.KillSwitch;
import io.aria.core.OrderIntent;
import io.aria.core.Tick;
import io.aria.core.Verdict;
import io.aria.core.audit.AuditRecord;
import io.aria.core.spi.AuditSink;
import io.aria.core.spi.EnsembleModel;
import io.aria.core.spi.PortfolioView;
import io.aria.core.spi.PositionSizer;
import io.aria.core.spi.RiskGuard;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The kits are worth something only if they fail a plug-in that breaks its promise: each case
 * here runs one kit check against a plug-in that lies in one way and expects the check to fail.
 */
@DisplayName("the compatibility kits fail plug-ins that break their promise")
class KitsCatchBrokenPluginsTest {

    private static final AtomicInteger GLOBAL = new AtomicInteger();

    private static RiskGuardContract guardKit(java.util.function.Supplier<RiskGuard> guards) {
        return new RiskGuardContract() {
            @Override
            protected RiskGuard newGuard() {
                return guards.get();
            }
        };
    }

    @Nested
    @DisplayName("RiskGuardContract")
    class Guards {

        @Test
        @DisplayName("fails a guard that returns null for large orders")
        void nullVerdict() {
            RiskGuardContract kit = guardKit(() -> (in, p) -> in.volume() > 1 ? null : Verdict.approve());
            assertThrows(AssertionFailedError.class, () -> kit.new Verdicts().check_nullFree_onlyShrinks());
        }

        @Test
        @DisplayName("fails a guard that resizes orders up")
        void resizeUp() {
            RiskGuardContract kit = guardKit(() -> (in, p) -> Verdict.resize(in.volume() * 2, "UP", "more"));
            assertThrows(AssertionFailedError.class, () -> kit.new Verdicts().check_nullFree_onlyShrinks());
        }

        @Test
        @DisplayName("fails a guard that blocks exits on a Saturday")
        void blocksExits() {
            RiskGuardContract kit = guardKit(() -> (in, p) ->
                    Instant.ofEpochMilli(p.nowMillis()).atZone(ZoneOffset.UTC).getDayOfWeek() == DayOfWeek.SATURDAY
                            ? Verdict.reject("SESSION_CLOSED", "weekend") : Verdict.approve());
            assertThrows(AssertionFailedError.class, () -> kit.new Verdicts().reducingOrders_notBlocked());
        }

        /**
         * Releases the switch once equity is back at the start of the day. {@code PortfolioView}
         * hands out an engage-only view, so a guard has to downcast it; the kit's portfolio hands
         * out the switch itself (the engine's view cannot be downcast), so the kit still sees it.
         */
        private RiskGuard releasing() {
            return new RiskGuard() {
                @Override
                public Verdict check(OrderIntent intent, PortfolioView portfolio) {
                    return Verdict.approve();
                }

                @Override
                public void onTick(Tick tick, PortfolioView p) {
                    if (p.equity() < 0.95 * p.startOfDayEquity()) {
                        p.killSwitch().engage("releasing", "loss");
                    } else if (p.equity() >= p.startOfDayEquity()) {
                        ((KillSwitch) p.killSwitch()).release("releasing");
                    }
                }
            };
        }

        @Test
        @DisplayName("fails a guard that releases the operator's kill switch, or its own")
        void releasesKillSwitch() {
            RiskGuardContract kit = guardKit(this::releasing);
            assertThrows(AssertionFailedError.class, () -> kit.new KillSwitchRules().operatorsSwitch_staysEngaged());
            assertThrows(AssertionFailedError.class, () -> kit.new KillSwitchRules().ownSwitch_neverReleased());
        }

        @Test
        @DisplayName("fails a guard whose onTick allocates")
        void allocates() {
            RiskGuardContract kit = guardKit(() -> new RiskGuard() {
                double[] last;

                @Override
                public Verdict check(OrderIntent intent, PortfolioView portfolio) {
                    return Verdict.approve();
                }

                @Override
                public void onTick(Tick tick, PortfolioView portfolio) {
                    last = new double[] {tick.bid(), tick.ask()};
                }
            });
            assertThrows(AssertionFailedError.class, kit::onTick_allocationFree);
        }

        @Test
        @DisplayName("fails a guard whose verdicts depend on more than its inputs")
        void nondeterministic() {
            RiskGuardContract kit = guardKit(() -> (in, p) -> Verdict.approve("OK", "call " + GLOBAL.incrementAndGet()));
            assertThrows(AssertionFailedError.class, kit::deterministic);
        }
    }

    private static PositionSizerContract sizerKit(PositionSizer sizer) {
        return new PositionSizerContract() {
            @Override
            protected PositionSizer newSizer() {
                return sizer;
            }
        };
    }

    private static Optional<OrderIntent> entry(Decision d, PortfolioView p, double volume, double priceOffset) {
        Tick t = p.lastTick(d.symbol()).orElseThrow();
        return Optional.of(new OrderIntent(d.symbol(), d.direction().entrySide(), volume,
                t.priceFor(d.direction().entrySide()) + priceOffset, 0, 0, false, d, "liar"));
    }

    @Nested
    @DisplayName("PositionSizerContract")
    class Sizers {

        @Test
        @DisplayName("fails a sizer that returns null")
        void returnsNull() {
            PositionSizerContract kit = sizerKit((d, p) -> d.confidence() > 0.8 ? null : Optional.empty());
            assertThrows(AssertionFailedError.class, () -> kit.new Intents().intents_wellFormed());
        }

        @Test
        @DisplayName("fails a sizer whose volume is off the asset's step")
        void offStep() {
            PositionSizerContract kit = sizerKit((d, p) -> {
                AssetSpec s = p.catalog().spec(d.symbol());
                return entry(d, p, s.volumeMin() + s.volumeStep() / 2, 0);
            });
            assertThrows(AssertionFailedError.class, () -> kit.new Intents().intents_wellFormed());
        }

        @Test
        @DisplayName("fails a sizer that prices off the current quote")
        void offQuote() {
            PositionSizerContract kit = sizerKit((d, p) -> entry(d, p, p.catalog().spec(d.symbol()).volumeMin(),
                    p.catalog().spec(d.symbol()).typicalSpread() * (d.direction() == Direction.LONG ? 1 : -1)));
            assertThrows(AssertionFailedError.class, () -> kit.new Intents().intents_wellFormed());
        }

        @Test
        @DisplayName("fails a sizer that never trades (the kit would check nothing)")
        void neverTrades() {
            PositionSizerContract kit = sizerKit((d, p) -> Optional.empty());
            assertThrows(AssertionFailedError.class, () -> kit.new Intents().intents_wellFormed());
        }

        @Test
        @DisplayName("fails a sizer whose answer depends on more than its inputs")
        void nondeterministic() {
            PositionSizerContract kit = sizerKit((d, p) -> entry(d, p,
                    p.catalog().spec(d.symbol()).volumeMin() * (1 + GLOBAL.incrementAndGet() % 3), 0));
            assertThrows(AssertionFailedError.class, () -> kit.new Intents().deterministic());
        }
    }

    private static EnsembleModelContract modelKit(java.util.function.Supplier<EnsembleModel> models) {
        return new EnsembleModelContract() {
            @Override
            protected EnsembleModel newModel() {
                return models.get();
            }
        };
    }

    /** Decides on every 50th tick of a symbol. */
    private abstract static class Every50 implements EnsembleModel {
        final java.util.Map<String, int[]> counts = new java.util.HashMap<>();

        boolean due(Tick t) {
            return ++counts.computeIfAbsent(t.symbol(), s -> new int[1])[0] % 50 == 0;
        }

        Decision decision(Tick t, Direction d) {
            return Decision.of(t.symbol(), t.epochMillis(), d, 0.7);
        }
    }

    @Nested
    @DisplayName("EnsembleModelContract")
    class Models {

        @Test
        @DisplayName("fails a model that emits two decisions for one tick")
        void twoDecisions() {
            EnsembleModelContract kit = modelKit(() -> new Every50() {
                @Override
                public void onTick(Tick tick, Consumer<Decision> decisions) {
                    if (due(tick)) {
                        decisions.accept(decision(tick, Direction.LONG));
                        decisions.accept(decision(tick, Direction.SHORT));
                    }
                }
            });
            assertThrows(AssertionFailedError.class, () -> kit.new Decisions().atMostOnePerTick());
        }

        @Test
        @DisplayName("fails a model that decides for another time than its tick's")
        void wrongTime() {
            EnsembleModelContract kit = modelKit(() -> new Every50() {
                @Override
                public void onTick(Tick tick, Consumer<Decision> decisions) {
                    if (due(tick)) {
                        decisions.accept(Decision.of(tick.symbol(), tick.epochMillis() - 1, Direction.LONG, 0.7));
                    }
                }
            });
            assertThrows(AssertionFailedError.class, () -> kit.new Decisions().atMostOnePerTick());
        }

        @Test
        @DisplayName("fails a model that allocates on ticks that decide nothing")
        void allocatesWhenQuiet() {
            EnsembleModelContract kit = modelKit(() -> new Every50() {
                List<Double> mids = new ArrayList<>();

                @Override
                public void onTick(Tick tick, Consumer<Decision> decisions) {
                    mids.add(tick.mid()); // boxes every tick
                    if (mids.size() > 1_000) {
                        mids = new ArrayList<>();
                    }
                    if (due(tick)) {
                        decisions.accept(decision(tick, Direction.LONG));
                    }
                }
            });
            assertThrows(AssertionFailedError.class, kit::quietTicks_allocationFree);
        }

        @Test
        @DisplayName("fails a model whose decisions depend on more than its ticks")
        void nondeterministic() {
            EnsembleModelContract kit = modelKit(() -> new Every50() {
                @Override
                public void onTick(Tick tick, Consumer<Decision> decisions) {
                    if (due(tick)) {
                        decisions.accept(decision(tick, GLOBAL.incrementAndGet() % 2 == 0 ? Direction.LONG
                                : Direction.SHORT));
                    }
                }
            });
            assertThrows(AssertionFailedError.class, kit::deterministic);
        }
    }

    /** An in-memory sink with a "disk": {@link #flush} moves what was recorded to it. */
    private static class MemorySink implements AuditSink {
        final List<AuditRecord> pending = new ArrayList<>();
        final List<AuditRecord> disk = new ArrayList<>();

        @Override
        public synchronized void record(AuditRecord record) {
            pending.add(record);
        }

        @Override
        public synchronized void flush() {
            disk.addAll(pending);
            pending.clear();
        }

        @Override
        public void close() {
            flush();
        }

        synchronized List<AuditRecord> read() {
            return List.copyOf(disk);
        }
    }

    private static AuditSinkContract sinkKit(java.util.function.Supplier<MemorySink> sinks, Path folder) {
        AuditSinkContract kit = new AuditSinkContract() {
            private MemorySink sink;

            @Override
            protected AuditSink newSink(Path f) {
                sink = sinks.get();
                return sink;
            }

            @Override
            protected List<AuditRecord> readBack(Path f) {
                return sink.read();
            }
        };
        kit.folder = folder;
        return kit;
    }

    @Nested
    @DisplayName("AuditSinkContract")
    class Sinks {

        @TempDir
        Path folder;

        @Test
        @DisplayName("passes the honest in-memory sink")
        void honest() throws Exception {
            AuditSinkContract kit = sinkKit(() -> new MemorySink() {
                @Override
                public void recordAhead(AuditRecord record) {
                    record(record);
                    flush();
                }
            }, folder);
            kit.allRecords_inOrder();
            kit.recordAhead_isWriteAhead();
        }

        @Test
        @DisplayName("fails a sink whose recordAhead returns before the record is readable")
        void recordAheadNotAhead() {
            AuditSinkContract kit = sinkKit(() -> new MemorySink() {
                @Override
                public void recordAhead(AuditRecord record) {
                    record(record);
                }
            }, folder);
            assertThrows(AssertionFailedError.class, kit::recordAhead_isWriteAhead);
        }

        @Test
        @DisplayName("fails a sink that drops records")
        void drops() {
            AuditSinkContract kit = sinkKit(() -> new MemorySink() {
                int n;

                @Override
                public synchronized void record(AuditRecord record) {
                    if (++n % 100 != 0) {
                        super.record(record);
                    }
                }
            }, folder);
            assertThrows(AssertionFailedError.class, kit::allRecords_inOrder);
            assertThrows(AssertionFailedError.class, kit::backPressure_holdsCallers);
        }

        @Test
        @DisplayName("fails a sink that reorders records")
        void reorders() {
            AuditSinkContract kit = sinkKit(() -> new MemorySink() {
                @Override
                public synchronized void flush() {
                    java.util.Collections.reverse(pending);
                    super.flush();
                }
            }, folder);
            assertThrows(AssertionFailedError.class, kit::allRecords_inOrder);
        }

        /** Fails closed when broken: recordAhead throws, failure() says why, listeners told once. */
        class FailingSink extends MemorySink {
            volatile boolean broken;
            final List<java.util.function.Consumer<io.aria.core.audit.AuditFailedException>> listeners =
                    new java.util.concurrent.CopyOnWriteArrayList<>();
            volatile io.aria.core.audit.AuditFailedException failure;

            @Override
            public synchronized void recordAhead(AuditRecord record) {
                if (!broken) {
                    super.recordAhead(record);
                    return;
                }
                if (failure == null) {
                    failure = new io.aria.core.audit.AuditFailedException("cannot write audit file memory: refused", null);
                    listeners.forEach(l -> l.accept(failure));
                }
                throw failure;
            }

            @Override
            public Optional<io.aria.core.audit.AuditFailedException> failure() {
                return Optional.ofNullable(failure);
            }

            @Override
            public void onFailure(java.util.function.Consumer<io.aria.core.audit.AuditFailedException> listener) {
                listeners.add(listener);
            }
        }

        private AuditSinkContract breakableKit(FailingSink sink) {
            AuditSinkContract kit = new AuditSinkContract() {
                @Override
                protected AuditSink newSink(Path f) {
                    return sink;
                }

                @Override
                protected List<AuditRecord> readBack(Path f) {
                    return sink.read();
                }

                @Override
                protected boolean refuseWrites(Path f) {
                    sink.broken = true;
                    return true;
                }

                @Override
                protected java.time.Duration timeout() {
                    return java.time.Duration.ofSeconds(10);
                }
            };
            kit.folder = folder;
            return kit;
        }

        @Test
        @DisplayName("passes a sink that fails closed when its storage refuses writes")
        void failsClosed() throws Exception {
            breakableKit(new FailingSink()).refusedWrites_failClosed();
        }

        @Test
        @DisplayName("fails a sink whose recordAhead returns normally when the record could not be written")
        void failsOpen() {
            AuditSinkContract kit = breakableKit(new FailingSink() {
                @Override
                public synchronized void recordAhead(AuditRecord record) {
                    if (!broken) {
                        super.recordAhead(record);
                    } // else: the record is silently lost
                }
            });
            assertThrows(AssertionFailedError.class, kit::refusedWrites_failClosed);
        }

        @Test
        @DisplayName("fails a sink that tells its failure listener on every failed write")
        void toldTwice() {
            AuditSinkContract kit = breakableKit(new FailingSink() {
                @Override
                public synchronized void recordAhead(AuditRecord record) {
                    if (broken) {
                        failure = null; // forgets it failed, so it tells again
                    }
                    super.recordAhead(record);
                }
            });
            assertThrows(AssertionFailedError.class, kit::refusedWrites_failClosed);
        }
    }
}
