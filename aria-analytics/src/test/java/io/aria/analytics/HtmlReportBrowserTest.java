package io.aria.analytics;

import org.awaitility.Awaitility;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * report.html opened from disk by headless Chromium (Debian's {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}, set explicitly: Selenium Manager cannot download here): no console
 * error, every chart drawn with its data, and the statistics table holding report.json's values. A
 * screenshot is kept in {@code target/report-screenshot.png}.
 */
class HtmlReportBrowserTest {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path DRIVER = Paths.get("/usr/bin/chromedriver");

    static ChromeDriver driver;
    static Path folder;
    static JsonNode json;

    @BeforeAll
    static void open() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "this test needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        folder = Paths.get("target", "report-browser-test").toAbsolutePath();
        ReportFiles f = ReportsTest.run(11).writeReports(folder, ReportsTest.info(), ReportsTest.end());
        json = new ObjectMapper().readTree(Files.readString(f.json()));

        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,4200", "--hide-scrollbars");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
        driver.get(f.html().toUri().toString());
        // the page's script runs before the load event; wait on its mark all the same (generous, no timing claim)
        Awaitility.await("the page finished drawing").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .pollInSameThread()
                .until(() -> "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-rendered")));
    }

    @AfterAll
    static void close() throws Exception {
        if (driver != null) {
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(Paths.get("target", "report-screenshot.png"), png);
            Files.write(Paths.get("target", "report-screenshot-top.png"),
                    driver.findElement(By.tagName("main")).findElements(By.tagName("section")).get(1)
                            .getScreenshotAs(OutputType.BYTES));
            driver.quit();
        }
    }

    @Test
    @DisplayName("opened from a file:// URL with no console error or warning")
    void noConsoleErrors() {
        List<String> bad = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                bad.add(e.getLevel() + " " + e.getMessage());
            }
        }
        assertEquals(List.of(), bad);
        assertTrue(driver.getCurrentUrl().startsWith("file:"), driver.getCurrentUrl());
    }

    @Test
    @DisplayName("each chart is a canvas with its data drawn on it")
    void chartsHaveData() {
        JavascriptExecutor js = driver;
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> charts = (List<Map<String, Object>>) js.executeScript(
                "return window.ariaCharts.map(function(u){"
                        + " var c = u.root.querySelector('canvas'), g = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, ink = 0;"
                        + " for (var i = 3; i < g.length; i += 4) { if (g[i] > 0) ink++; }"
                        + " return {id: u.root.parentNode.id, points: u.data[0].length, series: u.series.length, ink: ink,"
                        + "  width: c.width, height: c.height}; });");
        List<String> ids = charts.stream().map(c -> (String) c.get("id")).toList();
        assertEquals(List.of("chart-equity", "chart-drawdown", "chart-daily", "chart-histogram"), ids);
        for (Map<String, Object> c : charts) {
            assertTrue(((Number) c.get("points")).intValue() >= 5, c.toString());
            assertTrue(((Number) c.get("ink")).intValue() > 2000, "drawn, not blank: " + c);
        }
        assertEquals(3, ((Number) charts.get(0).get("series")).intValue(), "equity and the benchmark");
        assertEquals(json.at("/series/equity/epochMillis").size(), ((Number) charts.get(0).get("points")).intValue());
        assertEquals(json.at("/series/daily/date").size(), ((Number) charts.get(2).get("points")).intValue());
    }

    @Test
    @DisplayName("the statistics table holds report.json's values, in LEAN's order")
    void statisticsTableHoldsTheJson() {
        List<WebElement> rows = driver.findElements(By.cssSelector("#stats-lean tr"));
        JsonNode lean = json.at("/statistics/lean");
        assertEquals(lean.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(lean.get(i).path("name").asText(), rows.get(i).findElement(By.tagName("th")).getText());
            assertEquals(lean.get(i).path("text").asText(), rows.get(i).findElement(By.tagName("td")).getText());
        }
        List<WebElement> more = driver.findElements(By.cssSelector("#stats-more tr"));
        assertEquals(json.at("/statistics/more").size(), more.size());
    }

    @Test
    @DisplayName("attribution, exposure against limits, correlations, execution and settings are drawn")
    void theOtherPanels() {
        assertEquals(json.at("/attribution/byModel").size(), driver.findElements(By.cssSelector("#attr-model .bar")).size());
        assertEquals(json.at("/attribution/bySymbol").size(), driver.findElements(By.cssSelector("#attr-symbol .bar")).size());
        assertEquals(3, driver.findElements(By.cssSelector("#exposure .limit")).size(), "three classes have limits");
        assertEquals(json.at("/correlation/symbols").size() + 1, driver.findElements(By.cssSelector("#correlation tr")).size());
        assertTrue(driver.findElement(By.id("latency")).getText().contains("simulated: paper broker, latency none"));
        assertTrue(driver.findElement(By.id("slippage")).getText().contains("p99"));
        assertTrue(driver.findElement(By.id("settings")).getText().contains("maxDailyLoss"));
        assertTrue(driver.findElements(By.cssSelector("#trades tr")).size() > 10);
        assertTrue(new File(folder.toFile(), "report.html").length() > 50_000, "uPlot is inlined");
    }
}
