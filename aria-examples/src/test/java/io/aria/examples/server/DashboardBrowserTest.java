package io.aria.examples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aria.core.live.LiveEvent;
import io.aria.risk.RiskLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The dashboard opened by headless Chromium (Debian's {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}, set explicitly: Selenium Manager cannot download here) over a
 * real {@link AriaServer} on a running paper pipeline: the figures and charts move as ticks flow,
 * the kill switch engaged through its button halts entries (checked in the audit, not on the page),
 * a symbol toggled on the page is toggled in the pipeline, the emergency stop waits for its
 * confirmation, and the browser logs no error. Screenshots are kept under {@code target/}.
 */
@DisplayName("the dashboard in a real browser over a running paper pipeline")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path DRIVER = Paths.get("/usr/bin/chromedriver");
    static final String TOKEN = "dash-token-0123456789abcdef";
    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path data;
    PaperLive paper;
    AriaServer server;
    ChromeDriver driver;
    final List<LiveEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
    /** The pipeline's market time on its loop right after the kill switch was engaged; -1 before. */
    final AtomicLong engagedAtMarketMillis = new AtomicLong(-1);

    @BeforeAll
    void start() {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "this test needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        // 500x real time: the first orders come within seconds, and the whole session is hours of market time
        paper = PaperLive.create(data, 7, 500, Instant.parse("2025-03-03T07:00:00Z"), Duration.ofHours(20), null,
                100_000);
        paper.live().events().addListener(events::add);
        paper.pipeline().killSwitch().addListener(s -> {
            if (s.engaged() && engagedAtMarketMillis.get() < 0) {
                // taken on the event loop, so every tick after this one saw the engaged switch
                engagedAtMarketMillis.set(paper.pipeline().snapshot().epochMillis());
            }
        });
        server = AriaServer.start(paper.live(), paper.analytics(), ServerConfig.builder().port(0).token(TOKEN)
                .statusTickInterval(Duration.ofMillis(500))
                .classLimits(RiskLayer.defaults(paper.catalog()).config().correlation().maxClassExposure()).build());
        paper.live().quickStart("test");

        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1900", "--hide-scrollbars");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.get(server.url() + "/hedge-fund/dashboard?access_token=" + TOKEN);
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (paper != null) {
            paper.close();
        }
    }

    /**
     * Polls the condition until it gives a value other than null or false, for at most {@link #WAIT}
     * (what WebDriverWait does; selenium-support is not among the dependencies, so it is not used).
     */
    <T> T await(String what, Function<WebDriver, T> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                T v = condition.apply(driver);
                if (v != null && !Boolean.FALSE.equals(v)) {
                    return v;
                }
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for: " + what, last);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    void screenshot(String name) throws Exception {
        Path dir = Paths.get("target", "dashboard-screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Each chart's id and number of points. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> charts() {
        return (List<Map<String, Object>>) js("return window.ariaDash.charts.map(function(u){"
                + " return {id: u.root.parentNode.id, points: u.data[0].length}; });");
    }

    /** Canvas pixels with ink, per chart: 0 is a blank chart (read once: Chromium warns about repeated readbacks). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> inks() {
        return (List<Map<String, Object>>) js("return window.ariaDash.charts.map(function(u){"
                + " var c = u.root.querySelector('canvas'), g = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, ink = 0;"
                + " for (var i = 3; i < g.length; i += 4) { if (g[i] > 0) ink++; }"
                + " return {id: u.root.parentNode.id, ink: ink}; });");
    }

    List<String> consoleProblems() {
        List<String> bad = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                bad.add(e.getLevel() + " " + e.getMessage());
            }
        }
        return bad;
    }

    @Test
    @Order(1)
    @DisplayName("the figures and both charts move as ticks flow, from the stream, with no console error")
    void figuresAndChartsMove() throws Exception {
        await("the stream is live", d -> text("stream").equals("stream: live"));
        await("the status says RUNNING", d -> text("state").equals("RUNNING"));
        assertEquals("CONNECTED", text("conn"));
        assertEquals("off", text("kill"));
        String ticks = await("the tick counter shows", d -> {
            String t = driver.findElement(By.cssSelector("#counters tr:first-child td.n")).getText();
            return t.matches("[0-9,]+") && !t.equals("0") ? t : null;
        });
        await("the tick counter moves on", d -> !driver.findElement(By.cssSelector("#counters tr:first-child td.n"))
                .getText().equals(ticks));
        int points = await("the equity chart has points", d -> {
            int p = ((Number) charts().get(0).get("points")).intValue();
            return p >= 3 ? p : null;
        });
        await("the equity chart grows", d -> ((Number) charts().get(0).get("points")).intValue() > points);
        await("an order is listed with its outcome", d -> !driver.findElements(By.cssSelector("#orders tr")).isEmpty());
        await("the equity figure is shown in the account currency", d -> text("equity").endsWith(" USD"));
        await("the execution panel shows orders", d -> !text("execution").isEmpty() && !text("execution").contains("0 sent"));
        for (Map<String, Object> c : inks()) {
            assertTrue(((Number) c.get("ink")).intValue() > 1000, "drawn, not blank: " + c);
        }
        assertEquals(List.of("chart-equity", "chart-drawdown"), charts().stream().map(c -> c.get("id")).toList());
        // the honest Sharpe ratio: hours of market time are not a Sharpe ratio
        await("the Sharpe panel says why it has no value", d -> text("sharpeNote").startsWith("not enough data ("));
        assertEquals("n/a", text("sharpe"));
        // exposure against the class limits of the risk layer
        assertEquals(4, driver.findElements(By.cssSelector("#exposure .bar")).size());
        assertEquals(4, driver.findElements(By.cssSelector("#exposure .limit")).size(), "every class has a limit");
        assertTrue(text("exposure").contains("FOREX"), text("exposure"));
        // the supported symbols, by class, with the quick start's four on
        assertEquals(21, driver.findElements(By.cssSelector("#symbols input")).size());
        assertTrue(driver.findElement(By.id("sym-EURUSD")).isSelected());
        assertFalse(driver.findElement(By.id("sym-XAUUSD")).isSelected());
        screenshot("dashboard-running.png");
        assertEquals(List.of(), consoleProblems());
    }

    @Test
    @Order(2)
    @DisplayName("a value with markup in it is shown as text, never run or parsed")
    void markupInAValueIsText() {
        String evil = "<img src=x onerror=\"window.pwned=1\"><b id=injected>bold</b>";
        Http http = new Http(server.url(), TOKEN);
        Http.Reply r = http.post("/live-execution/kill-switch", "{\"engaged\":false,\"reason\":"
                + Http.JSON.valueToTree(evil) + "}");
        assertEquals(200, r.status(), r.body());
        await("the control is listed with its reason", d -> text("blocks").contains("<b id=injected>bold</b>"));
        assertTrue(driver.findElements(By.cssSelector("#blocks img, #injected")).isEmpty(), "no element made from the value");
        assertEquals(null, js("return window.pwned === undefined ? null : window.pwned"), "nothing ran");
        assertEquals("off", text("kill"));
        assertEquals(List.of(), consoleProblems());
    }

    @Test
    @Order(3)
    @DisplayName("the kill switch button halts the pipeline: the status turns HALTED and no entry order leaves after it")
    void killSwitchButtonHaltsEntries() throws Exception {
        await("an entry order before the switch, so that its absence afterwards means something",
                d -> !driver.findElements(By.cssSelector("#orders tr")).isEmpty());
        driver.findElement(By.id("engage")).click();
        await("the status turns HALTED", d -> text("state").equals("HALTED"));
        assertEquals("ENGAGED", text("kill"));
        assertTrue(paper.pipeline().killSwitch().state().engaged());
        assertTrue(paper.pipeline().killSwitch().state().by().startsWith("api:"), "engaged through the API");
        await("the release button replaces the engage button", d -> driver.findElement(By.id("release")).isDisplayed()
                && !driver.findElement(By.id("engage")).isDisplayed());
        long engagedAt = engagedAtMarketMillis.get();
        assertTrue(engagedAt > 0, "the kill switch listener saw the engage");
        // let two hours of market time flow under the engaged switch
        await("market time flows on under the switch", d -> paper.live().status().epochMillis()
                > engagedAt + Duration.ofHours(2).toMillis());
        await("the page shows the control in its log", d -> text("blocks").contains("engaged from the dashboard")
                || text("blocks").contains("KILL_SWITCH"));
        await("the page's status is still HALTED", d -> text("state").equals("HALTED"));
        screenshot("dashboard-halted.png");

        paper.audit().flush();
        int before = 0;
        List<String> entriesAfter = new ArrayList<>();
        int after = 0;
        for (JsonNode r : auditRecords()) {
            if (!r.path("type").asText().equals("order_submitted")) {
                continue;
            }
            boolean reducing = r.path("intent").path("reducing").asBoolean();
            if (r.path("epochMillis").asLong() > engagedAt) {
                after++;
                if (!reducing) {
                    entriesAfter.add(r.path("request").toString());
                }
            } else if (!reducing) {
                before++;
            }
        }
        assertTrue(before > 0, "entries were placed before the switch");
        assertEquals(List.of(), entriesAfter, "no entry order after the kill switch (" + after + " orders after it)");
        assertTrue(events.stream().anyMatch(e -> e instanceof LiveEvent.KillSwitchChanged k && k.state().engaged()));
        assertEquals(List.of(), consoleProblems());
    }

    List<JsonNode> auditRecords() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("execution_audit_")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        out.add(Http.JSON.readTree(line));
                    }
                }
            }
        }
        return out;
    }

    @Test
    @Order(4)
    @DisplayName("a symbol toggled on the page is toggled in the pipeline, both ways")
    void symbolToggles() {
        WebElement eur = driver.findElement(By.id("sym-EURUSD"));
        assertTrue(eur.isSelected());
        eur.click();
        await("EURUSD disabled in the pipeline", d -> !paper.live().status().enabledSymbols().contains("EURUSD"));
        await("the box stays off after the next status tick", d -> !eur.isSelected() && eur.isEnabled()
                && text("notice").equals("EURUSD disabled"));
        WebElement gold = driver.findElement(By.id("sym-XAUUSD"));
        gold.click();
        await("XAUUSD enabled in the pipeline", d -> paper.live().status().enabledSymbols().contains("XAUUSD"));
        await("the box is on", d -> gold.isSelected() && gold.isEnabled());
        assertTrue(events.stream().anyMatch(e -> e instanceof LiveEvent.Control c && c.action().equals("SYMBOL_DISABLED")
                && c.detail().contains("EURUSD")), "audited as a control action");
        assertEquals(List.of(), consoleProblems());
    }

    @Test
    @Order(5)
    @DisplayName("the emergency stop waits for its confirmation: cancel does nothing, confirm stops everything")
    void emergencyStopNeedsConfirmation() throws Exception {
        driver.findElement(By.id("estop")).click();
        await("the confirmation opens", d -> driver.findElement(By.id("stopDialog")).isDisplayed());
        screenshot("dashboard-emergency-confirm.png");
        driver.findElement(By.cssSelector("#stopDialog button[value=cancel]")).click();
        await("the confirmation closes", d -> !driver.findElement(By.id("stopDialog")).isDisplayed());
        assertFalse(events.stream().anyMatch(e -> e instanceof LiveEvent.Control c && c.action().equals("EMERGENCY_STOP")),
                "cancelled: no emergency stop");
        assertFalse(paper.live().status().enabledSymbols().isEmpty());

        driver.findElement(By.id("estop")).click();
        await("the confirmation opens again", d -> driver.findElement(By.id("stopDialog")).isDisplayed());
        driver.findElement(By.id("stopConfirm")).click();
        await("every symbol disabled", d -> paper.live().status().enabledSymbols().isEmpty());
        await("no position left", d -> paper.live().positions().isEmpty());
        await("the page says what the stop did", d -> text("notice").startsWith("emergency stop: "));
        await("every box is off", d -> driver.findElements(By.cssSelector("#symbols input")).stream()
                .noneMatch(WebElement::isSelected));
        assertEquals(List.of(), consoleProblems());
    }

    @Test
    @Order(6)
    @DisplayName("readable on a phone: one column, nothing wider than the screen")
    void readableOnAPhone() throws Exception {
        driver.manage().window().setSize(new Dimension(390, 1600));
        await("one column", d -> {
            Object cols = js("return getComputedStyle(document.querySelector('main')).gridTemplateColumns.split(' ').length");
            return ((Number) cols).intValue() == 1;
        });
        Number overflow = (Number) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertTrue(overflow.intValue() <= 0, "the page scrolls sideways by " + overflow + " px");
        screenshot("dashboard-phone.png");
        assertEquals(List.of(), consoleProblems());
    }
}
