package io.aria.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The library modules as a user's modular program sees them: ARIA's jars on the module path, a
 * consumer module compiled against them with {@code javax.tools.JavaCompiler}, and the modules
 * loaded into a {@link ModuleLayer}. An internal package is invisible to the consumer; the API
 * compiles; the API's JSON (bound by Jackson by reflection) works inside the layer.
 */
class ModuleBoundaryTest {

    static final Set<String> LIBRARY = Set.of("io.aria.core", "io.aria.risk", "io.aria.analytics", "io.aria.mt5");

    /** What each library module exports: its API, never an internal package. */
    static final Map<String, Set<String>> EXPORTS = Map.of(
            "io.aria.core", Set.of("io.aria.core", "io.aria.core.audit", "io.aria.core.ensemble",
                    "io.aria.core.indicators", "io.aria.core.live", "io.aria.core.metrics", "io.aria.core.paper",
                    "io.aria.core.source", "io.aria.core.spi"),
            "io.aria.risk", Set.of("io.aria.risk"),
            "io.aria.analytics", Set.of("io.aria.analytics"),
            "io.aria.mt5", Set.of("io.aria.mt5", "io.aria.mt5.sim"));

    /** The explicit modules of the test class path, by name (ARIA's jars and their dependencies). */
    static Map<String, ModuleReference> modules;
    /** The library modules and what they require, resolved: the consumer's module path. */
    static List<Path> modulePath;
    static ModuleLayer layer;

    @BeforeAll
    static void resolve() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        modules = new LinkedHashMap<>();
        for (String entry : cp.split(File.pathSeparator)) {
            Path p = Paths.get(entry);
            if (!Files.exists(p)) {
                continue;
            }
            for (ModuleReference ref : ModuleFinder.of(p).findAll()) {
                if (!ref.descriptor().isAutomatic()) {
                    modules.putIfAbsent(ref.descriptor().name(), ref);
                }
            }
        }
        for (String m : LIBRARY) {
            assertTrue(modules.containsKey(m), () -> m + " is not a named module on " + cp);
        }
        ModuleFinder finder = ModuleFinder.of(modules.values().stream().map(ModuleBoundaryTest::location)
                .toArray(Path[]::new));
        Configuration cf = ModuleLayer.boot().configuration().resolveAndBind(finder, ModuleFinder.of(), LIBRARY);
        modulePath = cf.modules().stream().map(r -> location(r.reference())).collect(Collectors.toList());
        layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    }

    static Path location(ModuleReference ref) {
        return Paths.get(ref.location().orElseThrow());
    }

    @Nested
    @DisplayName("at run time, in a module layer")
    class AtRunTime {

        @Test
        void eachLibraryModuleExportsItsApiOnly_andNoInternalPackage() {
            for (String name : LIBRARY) {
                Module m = layer.findModule(name).orElseThrow();
                Set<String> exported = new TreeSet<>();
                for (ModuleDescriptor.Exports e : m.getDescriptor().exports()) {
                    assertFalse(e.isQualified(), () -> name + " exports " + e.source() + " to " + e.targets());
                    exported.add(e.source());
                }
                assertEquals(new TreeSet<>(EXPORTS.get(name)), exported, name + "'s exports");
                for (String pkg : m.getPackages()) {
                    if (pkg.contains(".internal")) {
                        assertFalse(m.isExported(pkg), () -> name + " exports " + pkg);
                        assertFalse(m.isOpen(pkg), () -> name + " opens " + pkg);
                    }
                }
            }
            Module core = layer.findModule("io.aria.core").orElseThrow();
            assertTrue(core.getPackages().contains("io.aria.core.internal"), "the engine is in the module");
            assertFalse(core.isExported("io.aria.core.internal", layer.findModule("io.aria.risk").orElseThrow()),
                    "a sibling sees core's internals");
        }

        @Test
        void anInternalClassCannotBeUsedFromOutside_evenByReflection() throws Exception {
            Class<?> json = layer.findLoader("io.aria.core").loadClass("io.aria.core.internal.Json");
            assertEquals("io.aria.core", json.getModule().getName());
            Method mapper = json.getMethod("mapper");
            assertThrowsIllegalAccess(() -> mapper.invoke(null));
            assertFalse(mapper.trySetAccessible(), "core's internal methods became accessible from outside");
        }

        @Test
        void jacksonBindsTheApiRecordsInsideTheModules() throws Exception {
            // RiskConfig and the catalog are read and written by Jackson by reflection: this fails
            // with InaccessibleObjectException when a package is not opened to jackson.databind
            Class<?> config = layer.findLoader("io.aria.risk").loadClass("io.aria.risk.RiskConfig");
            Object defaults = config.getMethod("defaults").invoke(null);
            String json = (String) config.getMethod("toJson").invoke(defaults);
            assertEquals(defaults, config.getMethod("fromJson", String.class).invoke(null, json));
            Class<?> catalog = layer.findLoader("io.aria.core").loadClass("io.aria.core.AssetCatalog");
            Object assets = catalog.getMethod("defaults").invoke(null);
            String doc = (String) catalog.getMethod("toJson").invoke(assets);
            Object back = catalog.getMethod("fromJson", String.class).invoke(null, doc);
            assertEquals(doc, catalog.getMethod("toJson").invoke(back));
            assertEquals("io.aria.risk", config.getModule().getName(), "ran on the class path, not in the layer");
        }
    }

    static void assertThrowsIllegalAccess(ThrowingRunnable r) {
        try {
            r.run();
        } catch (IllegalAccessException expected) {
            return;
        } catch (Exception e) {
            throw new AssertionError("expected IllegalAccessException, got " + e, e);
        }
        throw new AssertionError("an internal method was called from outside its module");
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Nested
    @DisplayName("at compile time, for a consumer module")
    class AtCompileTime {

        @TempDir
        Path dir;

        @ParameterizedTest(name = "{0}.{1} is not visible")
        @CsvSource({
            "io.aria.core.internal, Engine, io.aria.core",
            "io.aria.core.internal, Json, io.aria.core",
            "io.aria.core.source.internal, Correlation, io.aria.core",
            "io.aria.risk.internal, Book, io.aria.risk",
            "io.aria.analytics.internal, Stats, io.aria.analytics",
            "io.aria.mt5.internal, Wire, io.aria.mt5"})
        void aConsumerImportingAnInternalClass_doesNotCompile(String pkg, String type, String module)
                throws Exception {
            Class<?> internal = layer.findLoader(module).loadClass(pkg + "." + type); // it exists, in the module
            assertEquals(module, internal.getModule().getName());
            Result r = compile("module consumer { requires " + module + "; }",
                    "package consumer;\nimport " + pkg + "." + type + ";\n"
                            + "public class Peek { public static Class<?> peek() { return " + type + ".class; } }\n");
            assertFalse(r.ok, () -> "a consumer compiled against " + pkg + ":\n" + r.log);
            assertTrue(r.log.contains("is not visible") || r.log.contains("does not export"), r.log);
            assertTrue(r.log.contains(pkg), r.log);
        }

        @Test
        void aConsumerOfTheApiCompiles() throws IOException {
            Result r = compile("module consumer { requires io.aria.risk; requires io.aria.analytics;"
                            + " requires io.aria.mt5; }",
                    """
                    package consumer;
                    import io.aria.analytics.HedgeFundAnalytics;
                    import io.aria.core.OrderIntent;
                    import io.aria.core.TradingPipeline;
                    import io.aria.core.Verdict;
                    import io.aria.core.spi.PortfolioView;
                    import io.aria.core.spi.RiskGuard;
                    import io.aria.mt5.sim.SimulatedMt5Terminal;
                    import io.aria.risk.RiskConfig;
                    public class Api implements RiskGuard {
                        static final Class<?>[] USED = {TradingPipeline.class, RiskConfig.class,
                                HedgeFundAnalytics.class, SimulatedMt5Terminal.class};
                        @Override public Verdict check(OrderIntent intent, PortfolioView portfolio) {
                            if (portfolio.equity() < 0.5 * portfolio.startOfDayEquity()) {
                                portfolio.killSwitch().engage("consumer", "half the day's equity lost");
                            }
                            return Verdict.approve();
                        }
                    }
                    """);
            assertTrue(r.ok, r.log);
        }

        @Test
        void aGuardCannotReleaseTheKillSwitchItIsHanded() throws IOException {
            Result r = compile("module consumer { requires io.aria.core; }",
                    """
                    package consumer;
                    import io.aria.core.OrderIntent;
                    import io.aria.core.Verdict;
                    import io.aria.core.spi.PortfolioView;
                    import io.aria.core.spi.RiskGuard;
                    public class Releasing implements RiskGuard {
                        @Override public Verdict check(OrderIntent intent, PortfolioView portfolio) {
                            portfolio.killSwitch().release("a guard");
                            return Verdict.approve();
                        }
                    }
                    """);
            assertFalse(r.ok, r.log);
            assertTrue(r.log.contains("cannot find symbol") && r.log.contains("release"), r.log);
        }

        @Test
        void aUsersGuardTestExtendsTheRiskGuardKit_onTheModulePath() throws IOException {
            Path testkit = testkitJar(dir.resolve("testkit"));
            List<Path> extra = new ArrayList<>(List.of(testkit));
            assertTrue(modules.containsKey("org.junit.jupiter.api"), "JUnit's API is not a module on the class path");
            for (String m : modules.keySet()) {
                if (m.startsWith("org.junit.jupiter.api") || m.startsWith("org.junit.platform.commons")
                        || m.equals("org.opentest4j") || m.equals("org.apiguardian.api") || m.equals("org.jspecify")) {
                    extra.add(location(modules.get(m)));
                }
            }
            Result r = compile("module consumer { requires io.aria.core; requires io.aria.core.testkit;"
                            + " requires org.junit.jupiter.api; }",
                    """
                    package consumer;
                    import io.aria.core.Verdict;
                    import io.aria.core.spi.RiskGuard;
                    import io.aria.core.testkit.RiskGuardContract;
                    class AllowAllGuardTest extends RiskGuardContract {
                        @Override protected RiskGuard newGuard() {
                            return (intent, portfolio) -> Verdict.approve();
                        }
                    }
                    """, extra);
            assertTrue(r.ok, r.log);
        }

        @Test
        void aModularProgramRunsAPaperPipeline_writesAndReadsItsAudit_andItsReports() throws Exception {
            // everything Jackson binds by reflection (catalog, audit records, risk config, analytics
            // report) on the module path: an unopened package fails here with InaccessibleObjectException
            Result r = compile("module consumer { requires io.aria.risk; requires io.aria.analytics; exports consumer; }",
                    """
                    package consumer;
                    import io.aria.analytics.AnalyticsReport;
                    import io.aria.analytics.HedgeFundAnalytics;
                    import io.aria.core.AssetCatalog;
                    import io.aria.core.PipelineSnapshot;
                    import io.aria.core.TradingPipeline;
                    import io.aria.core.audit.AuditReader;
                    import io.aria.core.audit.AuditRecord;
                    import io.aria.core.audit.JsonlAuditSink;
                    import io.aria.core.ensemble.WeightedEnsemble;
                    import io.aria.core.paper.PaperBroker;
                    import io.aria.core.source.SyntheticTickSource;
                    import io.aria.risk.RiskConfig;
                    import io.aria.risk.RiskLayer;
                    import java.nio.file.Path;
                    import java.time.Duration;
                    import java.time.Instant;
                    public class Run {
                        public static String run(Path data) throws Exception {
                            AssetCatalog catalog = AssetCatalog.fromJson(AssetCatalog.defaults().toJson());
                            RiskConfig config = RiskConfig.fromJson(RiskConfig.defaults().toJson());
                            RiskLayer risk = RiskLayer.fromConfig(config, catalog);
                            HedgeFundAnalytics analytics = HedgeFundAnalytics.builder().catalog(catalog).build();
                            TradingPipeline p = TradingPipeline.builder().catalog(catalog)
                                    .tickSource(SyntheticTickSource.builder().catalog(catalog).symbols("EURUSD", "XAUUSD")
                                            .seed(7).startTime(Instant.parse("2025-03-03T07:50:00Z"))
                                            .tickInterval(Duration.ofSeconds(1)).duration(Duration.ofHours(3))
                                            .fullSpeed().build())
                                    .ensemble(WeightedEnsemble.withDefaults(catalog))
                                    .sizer(risk.sizer()).riskGuard(risk.guard())
                                    .gateway(PaperBroker.builder().catalog(catalog).startingBalance(100_000).build())
                                    .auditSink(JsonlAuditSink.builder(data).build())
                                    .listener(analytics).build();
                            p.start();
                            if (!p.awaitQuiescent(Duration.ofMinutes(5))) {
                                throw new IllegalStateException("the replay did not end");
                            }
                            PipelineSnapshot last = p.snapshot();
                            p.close();
                            AnalyticsReport report = analytics.report(last);
                            AuditReader.Result<AuditRecord> audit = AuditReader.readFolder(data.resolve("audit_logs"));
                            AuditReader.Result<AuditRecord> decisions = AuditReader.readFolder(data.resolve("live_logs"));
                            if (!audit.isClean() || !decisions.isClean()) {
                                throw new IllegalStateException("unclean audit: " + audit + decisions);
                            }
                            return last.counters().ordersSent() + " " + audit.records().size() + " "
                                    + decisions.records().size() + " " + report.toJson().length();
                        }
                    }
                    """);
            assertTrue(r.ok, r.log);
            Path out = dir.resolve("out");
            ModuleFinder finder = ModuleFinder.of(Stream.concat(Stream.of(out), modulePath.stream())
                    .toArray(Path[]::new));
            Configuration cf = ModuleLayer.boot().configuration().resolveAndBind(finder, ModuleFinder.of(),
                    Set.of("consumer"));
            ModuleLayer consumer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
            Class<?> run = consumer.findLoader("consumer").loadClass("consumer.Run");
            Thread t = Thread.currentThread();
            ClassLoader before = t.getContextClassLoader();
            t.setContextClassLoader(run.getClassLoader()); // as the launcher's would be for a modular program
            String[] figures;
            try {
                figures = ((String) run.getMethod("run", Path.class).invoke(null, dir.resolve("data"))).split(" ");
            } finally {
                t.setContextClassLoader(before);
            }
            assertTrue(Long.parseLong(figures[0]) > 0, "no order in three hours: " + String.join(" ", figures));
            assertTrue(Long.parseLong(figures[1]) >= 2 * Long.parseLong(figures[0]), "submitted and completed records");
            assertTrue(Long.parseLong(figures[2]) > 0, "decisions logged");
            assertTrue(Long.parseLong(figures[3]) > 100, "the analytics report's JSON");
        }

        Result compile(String moduleInfo, String source) throws IOException {
            return compile(moduleInfo, source, List.of());
        }

        Result compile(String moduleInfo, String source, List<Path> extraModules) throws IOException {
            Path src = dir.resolve("src");
            Path out = dir.resolve("out");
            Files.createDirectories(src.resolve("consumer"));
            Files.createDirectories(out);
            Path info = Files.writeString(src.resolve("module-info.java"), moduleInfo);
            java.util.regex.Matcher named = java.util.regex.Pattern.compile("\\bclass (\\w+)").matcher(source);
            assertTrue(named.find(), source);
            String cls = named.group(1);
            Path java = Files.writeString(src.resolve("consumer").resolve(cls + ".java"), source);
            List<Path> path = new ArrayList<>(modulePath);
            path.addAll(extraModules);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            List<String> args = List.of("--module-path",
                    path.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                    "-proc:none", "-d", out.toString(), info.toString(), java.toString());
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            int rc = javac.run(null, log, log, args.toArray(String[]::new));
            return new Result(rc == 0, log.toString(StandardCharsets.UTF_8));
        }
    }

    record Result(boolean ok, String log) {
    }

    /**
     * aria-core's test-jar as the reactor gives it: the jar after {@code package}, its
     * {@code test-classes} directory in a {@code mvn test} run (then jarred here the way the jar
     * plugin does, with the kit packages and the test-jar's module name only).
     */
    static Path testkitJar(Path tmp) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : cp.split(File.pathSeparator)) {
            Path p = Paths.get(entry);
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (name.startsWith("aria-core-") && name.endsWith("-tests.jar")) {
                ModuleReference ref = ModuleFinder.of(p).findAll().iterator().next();
                assertEquals("io.aria.core.testkit", ref.descriptor().name(), "the test-jar's module name");
                assertEquals(Set.of("io.aria.core.testkit", "io.aria.core.testing"), ref.descriptor().packages(),
                        "the test-jar holds the kits only: any other package splits io.aria.core");
                return p;
            }
            if (Files.isDirectory(p) && p.endsWith(Paths.get("aria-core", "target", "test-classes"))) {
                Files.createDirectories(tmp);
                Path jar = tmp.resolve("aria-core-tests.jar");
                Manifest mf = new Manifest();
                mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
                mf.getMainAttributes().put(new Attributes.Name("Automatic-Module-Name"), "io.aria.core.testkit");
                try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf);
                        Stream<Path> files = Files.walk(p)) {
                    for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                        String rel = p.relativize(f).toString().replace(File.separatorChar, '/');
                        if (rel.startsWith("io/aria/core/testkit/") || rel.startsWith("io/aria/core/testing/")) {
                            out.putNextEntry(new JarEntry(rel));
                            Files.copy(f, out);
                            out.closeEntry();
                        }
                    }
                }
                return jar;
            }
        }
        throw new AssertionError("aria-core's test-jar is not on " + Arrays.asList(cp.split(File.pathSeparator)));
    }
}
