package io.aria.examples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.aria.core.live.LiveEvent;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("AriaServer: the seed's HTTP API over a running paper pipeline")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AriaServerTest {

    static final String TOKEN = "test-token-0123456789abcdef";

    @TempDir
    static Path data;
    PaperLive paper;
    AriaServer server;
    Http http;
    JsonNode openApi;
    final List<LiveEvent> controls = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        paper = PaperLive.create(data, 7, 200, Instant.parse("2025-03-03T07:00:00Z"), Duration.ofHours(8), null,
                100_000);
        paper.live().events().addListener(e -> {
            if (e instanceof LiveEvent.Control) {
                controls.add(e);
            }
        });
        server = AriaServer.start(paper.live(), paper.analytics(), ServerConfig.builder().port(0).token(TOKEN)
                .authBackoff(1_000_000, Duration.ofMillis(1), Duration.ofMillis(1)).build());
        http = new Http(server.url(), TOKEN);
        try (InputStream in = AriaServer.class.getResourceAsStream("/openapi.json")) {
            openApi = Http.JSON.readTree(in);
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (paper != null) {
            paper.close();
        }
    }

    // ------------------------------------------------------------------ schema validation

    void assertMatches(String path, String method, Http.Reply r) {
        JsonNode op = openApi.path("paths").path(path).path(method.toLowerCase());
        assertFalse(op.isMissingNode(), method + " " + path + " is not in openapi.json");
        JsonNode resp = op.path("responses").path(Integer.toString(r.status()));
        if (resp.has("$ref")) {
            resp = openApi.at(resp.get("$ref").asText().substring(1));
        }
        assertFalse(resp.isMissingNode(), method + " " + path + " answered " + r.status() + ", which is not documented: "
                + r.body());
        JsonNode schema = resp.path("content").path("application/json").path("schema");
        assertFalse(schema.isMissingNode(), "no JSON schema for " + method + " " + path + " " + r.status());
        ObjectNode root = Http.JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("$ref", schema.get("$ref") != null ? schema.get("$ref") : null);
        if (schema.get("$ref") == null) {
            root.remove("$ref");
            root.setAll((ObjectNode) schema);
        }
        root.set("components", openApi.get("components"));
        JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
        Set<ValidationMessage> errors = s.validate(r.json());
        assertTrue(errors.isEmpty(), method + " " + path + " " + r.status() + " does not match its schema: " + errors
                + "\n" + r.body());
    }

    Http.Reply okGet(String path) {
        Http.Reply r = http.get(path);
        assertEquals(200, r.status(), path + ": " + r.body());
        assertMatches(path, "GET", r);
        return r;
    }

    Http.Reply okPost(String path, String body) {
        Http.Reply r = http.post(path, body);
        assertEquals(200, r.status(), path + ": " + r.body());
        assertMatches(path, "POST", r);
        return r;
    }

    void assertError(Http.Reply r, int status, String field, String value) {
        assertEquals(status, r.status(), r.body());
        JsonNode j = r.json();
        assertNotNull(j.get("error"), r.body());
        assertNotNull(j.get("message"), r.body());
        if (field != null) {
            assertEquals(field, j.path("field").asText(), r.body());
        }
        if (value != null) {
            assertEquals(value, j.path("value").asText(), r.body());
        }
    }

    static void await(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        org.awaitility.Awaitility.await(what).atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(20)).pollInSameThread().until(c::getAsBoolean);
    }

    // ------------------------------------------------------------------ the seed's quick start, in order

    @Test
    @Order(1)
    void health_needsNoToken() {
        Http.Reply r = http.send(http.request("/health", null).GET().build());
        assertEquals(200, r.status());
        assertMatches("/health", "GET", r);
    }

    @Test
    @Order(2)
    void theSeedsQuickStart_connectThenQuickStart_tradesTheMajors() throws Exception {
        Http.Reply c = okPost("/live-execution/connect", null);
        assertEquals("CONNECTED", c.json().path("connection").path("state").asText());
        Http.Reply q = okPost("/live-execution/quick-start", null);
        assertEquals("RUNNING", q.json().path("pipeline").asText());
        assertEquals(List.of("EURUSD", "GBPUSD", "USDJPY", "USDCHF"),
                Http.JSON.convertValue(q.json().path("enabled"), List.class));
        await(() -> http.get("/live-execution/status").json().path("counters").path("ticksIn").asLong() > 100,
                "ticks flowing");
        Http.Reply s = okGet("/live-execution/status");
        assertEquals("RUNNING", s.json().path("pipeline").asText());
        assertEquals(4, s.json().path("enabledSymbols").size());
        assertTrue(controls.stream().anyMatch(e -> ((LiveEvent.Control) e).action().equals("QUICK_START")
                && ((LiveEvent.Control) e).by().equals("api:127.0.0.1")), controls.toString());
    }

    @Test
    @Order(3)
    void everyReadEndpoint_answersWhatItsSchemaSays() {
        for (String p : List.of("/live-execution/status", "/live-execution/positions", "/live-execution/execution-stats",
                "/live-execution/symbols/supported", "/live-execution/live-metrics", "/hedge-fund/performance",
                "/hedge-fund/attribution", "/hedge-fund/risk")) {
            okGet(p);
        }
        JsonNode sharpe = okGet("/hedge-fund/performance").json().path("sharpeDaily");
        assertTrue(sharpe.path("value").isNull(), "an 8-hour run has no honest Sharpe ratio: " + sharpe);
        assertEquals("not enough data (1 day)", sharpe.path("reason").asText(), sharpe.toString());
        JsonNode sup = okGet("/live-execution/symbols/supported").json();
        assertEquals(21, sup.path("total").asInt());
        assertEquals(8, sup.path("byClass").path("FOREX").size());
        Http.Reply html = http.get("/hedge-fund/dashboard");
        assertEquals(200, html.status());
        assertTrue(html.header("Content-Type").startsWith("text/html"));
        assertTrue(html.body().contains("/assets/uplot/uPlot.iife.min.js"), "uPlot from this server");
        assertFalse(html.body().contains("http://") || html.body().contains("https://"), "nothing from elsewhere");
        assertTrue(html.header("Content-Security-Policy").contains("default-src 'none'"));
        for (String asset : List.of("uPlot.iife.min.js", "uPlot.min.css")) {
            Http.Reply a = http.send(http.request("/assets/uplot/" + asset, null).GET().build());
            assertEquals(200, a.status(), asset);
            assertTrue(a.body().length() > 1000, asset);
        }
        assertEquals(404, http.send(http.request("/assets/uplot/package.json", null).GET().build()).status(),
                "only the two files the page needs");
        Http.Reply doc = http.get("/openapi.json");
        assertEquals(200, doc.status());
        assertEquals("3.1.0", doc.json().path("openapi").asText());
        Http.Reply ui = http.get("/swagger");
        assertEquals(200, ui.status());
        Http.Reply bundle = http.send(http.request("/swagger/swagger-ui-bundle.js", null).GET().build());
        assertEquals(200, bundle.status(), "Swagger UI is served from its webjar");
        assertTrue(bundle.body().length() > 100_000);
    }

    @Test
    @Order(4)
    void toggle_flipsAndSets_andNamesABadFieldAndItsValue() {
        JsonNode off = okPost("/live-execution/symbol/toggle", "{\"symbol\":\"EURUSD\",\"enabled\":false}").json();
        assertFalse(off.path("enabled").asBoolean());
        assertTrue(off.path("changed").asBoolean());
        JsonNode flip = okPost("/live-execution/symbol/toggle", "{\"symbol\":\"EURUSD\"}").json();
        assertTrue(flip.path("enabled").asBoolean(), "without enabled, toggle flips");
        Http.Reply r = http.post("/live-execution/symbol/toggle", "{\"symbol\":\"DOGEUSD\",\"enabled\":true}");
        assertError(r, 400, "symbol", "DOGEUSD");
        assertMatches("/live-execution/symbol/toggle", "POST", r);
        assertError(http.post("/live-execution/symbol/toggle", "{\"enabled\":true}"), 400, "symbol", null);
        assertError(http.post("/live-execution/symbol/toggle", "{\"symbol\":\"EURUSD\",\"enabled\":\"yes\"}"), 400,
                "enabled", "yes");
        assertError(http.post("/live-execution/symbol/toggle", "{\"symbol\":42}"), 400, "symbol", "42");
        assertError(http.post("/live-execution/symbol/toggle", null), 400, "body", null);
    }

    @Test
    @Order(5)
    void malformedJson_wrongContentType_oversizedBody_wrongMethod_areRefusedWithJson() {
        Http.Reply bad = http.post("/live-execution/kill-switch", "{\"engaged\": tru");
        assertError(bad, 400, "body", "{\"engaged\": tru");
        assertTrue(bad.json().path("message").asText().startsWith("malformed JSON"), bad.body());
        Http.Reply notObject = http.post("/live-execution/kill-switch", "[1,2]");
        assertError(notObject, 400, "body", "[1,2]");

        HttpRequest form = http.request("/live-execution/kill-switch", TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("engaged=true")).build();
        Http.Reply ct = http.send(form);
        assertError(ct, 415, "Content-Type", "application/x-www-form-urlencoded");
        assertMatches("/live-execution/kill-switch", "POST", ct);

        String big = "{\"reason\":\"" + "x".repeat(20_000) + "\"}";
        Http.Reply tooBig = http.post("/live-execution/emergency-stop", big);
        assertError(tooBig, 413, "body", null);
        assertMatches("/live-execution/emergency-stop", "POST", tooBig);

        HttpRequest chunked = http.request("/live-execution/emergency-stop", TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        big.getBytes(StandardCharsets.UTF_8)))).build();
        Http.Reply chunkedTooBig = http.send(chunked);
        assertError(chunkedTooBig, 413, "body", null);
        assertFalse(http.get("/live-execution/status").json().path("killSwitch").path("engaged").asBoolean(),
                "an oversized emergency stop did nothing");

        Http.Reply get = http.get("/live-execution/kill-switch");
        assertError(get, 405, "method", "GET");
        assertEquals("POST", get.header("Allow"));
        assertMatches("/live-execution/kill-switch", "POST", get);
        Http.Reply del = http.send(http.request("/live-execution/status", TOKEN).DELETE().build());
        assertError(del, 405, "method", "DELETE");
        assertEquals("GET", del.header("Allow"));

        Http.Reply unknown = http.get("/live-execution/nothing-here");
        assertEquals(404, unknown.status(), unknown.body());
    }

    @Test
    @Order(5)
    void oversizedBodies_alwaysGetTheir413_neverAResetConnection() {
        // The server answers before the body has arrived; unread bytes at close make the kernel
        // reset the connection and the client loses the answer, unless the server reads them first.
        String big = "{\"reason\":\"" + "y".repeat(300_000) + "\"}";
        for (int i = 0; i < 40; i++) {
            Http.Reply r = http.post("/live-execution/emergency-stop", big);
            assertError(r, 413, "body", null);
        }
        assertFalse(http.get("/live-execution/status").json().path("killSwitch").path("engaged").asBoolean(),
                "no oversized emergency stop did anything");
    }

    @Test
    @Order(6)
    void killSwitch_engageAndRelease_withWhoAndWhy() throws Exception {
        Http.Reply missing = http.post("/live-execution/kill-switch", "{\"engaged\":true}");
        assertError(missing, 400, "reason", null);
        assertError(http.post("/live-execution/kill-switch", "{\"reason\":\"x\"}"), 400, "engaged", null);
        JsonNode on = okPost("/live-execution/kill-switch", "{\"engaged\":true,\"reason\":\"drill\"}").json();
        assertTrue(on.path("changed").asBoolean());
        assertEquals("api:127.0.0.1", on.path("state").path("by").asText());
        assertEquals("drill", on.path("state").path("reason").asText());
        assertTrue(okGet("/live-execution/status").json().path("killSwitch").path("engaged").asBoolean());
        JsonNode off = okPost("/live-execution/kill-switch", "{\"engaged\":false,\"reason\":\"drill over\"}").json();
        assertTrue(off.path("changed").asBoolean());
        assertFalse(off.path("state").path("engaged").asBoolean());
    }

    @Test
    @Order(7)
    void recordedTrade_withAnIdempotencyKey_isRecordedOnce() {
        int before = okGet("/hedge-fund/performance").json().path("trades").path("trades").asInt();
        String body = "{\"symbol\":\"XAUUSD\",\"profit\":125.5}";
        Http.Reply first = http.post("/hedge-fund/analytics/trade", body, "trade-1");
        assertEquals(200, first.status(), first.body());
        assertMatches("/hedge-fund/analytics/trade", "POST", first);
        Http.Reply retry = http.post("/hedge-fund/analytics/trade", body, "trade-1");
        assertEquals(first.body(), retry.body(), "the retry gets the first answer");
        int after = okGet("/hedge-fund/performance").json().path("trades").path("trades").asInt();
        assertTrue(after - before <= 1 + 0, "recorded once (other trades may close meanwhile): " + before + " -> " + after);
        Http.Reply reused = http.post("/hedge-fund/analytics/trade", "{\"symbol\":\"XAUUSD\",\"profit\":1}", "trade-1");
        assertError(reused, 422, "Idempotency-Key", "trade-1");
        assertError(http.post("/hedge-fund/analytics/trade", "{\"symbol\":\"XAUUSD\",\"profit\":\"lots\"}"), 400,
                "profit", "lots");
        assertError(http.post("/hedge-fund/analytics/trade", "{\"symbol\":\"XAUUSD\",\"profit\":1,\"epochMillis\":-5}"),
                400, "epochMillis", "-5");
    }

    @Test
    @Order(8)
    void theEventStream_sendsAStatusTick_andControlActions() throws Exception {
        HttpRequest req = http.request("/live-execution/events?access_token=" + TOKEN, null).GET().build();
        HttpResponse<InputStream> resp = http.client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, resp.statusCode());
        assertTrue(resp.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
            boolean toggled = false;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    events.add(line.substring(7));
                    if (!toggled && events.contains("status")) {
                        toggled = true;
                        okPost("/live-execution/symbol/toggle", "{\"symbol\":\"XAUUSD\",\"enabled\":true}");
                    }
                }
                if (events.contains("control") && events.stream().filter("status"::equals).count() >= 2) {
                    break;
                }
            }
        }
        assertTrue(events.contains("status") && events.contains("control"), events.toString());
    }

    @Test
    @Order(9)
    void metrics_areValidPrometheusText_withTheAriaAndJvmMeters() {
        Http.Reply r = http.get("/metrics");
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("text/plain"), r.header("Content-Type"));
        Map<String, List<PrometheusText.Sample>> m = PrometheusText.parse(r.body());
        for (String name : List.of("aria_ticks_in_total", "aria_ticks_rejected_total", "aria_decisions_total",
                "aria_orders_total", "aria_orders_blocked_total", "aria_equity", "aria_drawdown",
                "aria_kill_switch_engaged", "aria_symbols_enabled", "aria_connection_state",
                "aria_audit_records_written_total", "aria_order_latency_seconds_bucket",
                "aria_order_slippage_points_bucket", "jvm_memory_used_bytes", "jvm_threads_live_threads")) {
            assertTrue(m.containsKey(name), name + " missing; have " + new TreeSet<>(m.keySet()));
        }
        assertTrue(m.get("aria_ticks_in_total").get(0).value() > 0);
        assertTrue(m.get("aria_connection_state").stream().anyMatch(s -> s.labels().get("state").equals("CONNECTED")
                && s.value() == 1));
        assertTrue(m.get("aria_orders_total").stream().anyMatch(s -> "filled".equals(s.labels().get("outcome"))));
        assertFalse(r.body().contains(TOKEN));
    }

    @Test
    @Order(10)
    void emergencyStop_withAnIdempotencyKey_actsOnce_andClosesEverything() throws Exception {
        await(() -> http.get("/live-execution/status").json().path("counters").path("ordersSent").asLong() > 0,
                "an order");
        int stopsBefore = (int) controls.stream().filter(e -> ((LiveEvent.Control) e).action().equals("EMERGENCY_STOP"))
                .count();
        Http.Reply first = http.post("/live-execution/emergency-stop", "{\"reason\":\"fire drill\"}", "stop-1");
        assertEquals(200, first.status(), first.body());
        assertMatches("/live-execution/emergency-stop", "POST", first);
        assertTrue(first.json().path("killSwitch").path("engaged").asBoolean());
        Http.Reply retry = http.post("/live-execution/emergency-stop", "{\"reason\":\"fire drill\"}", "stop-1");
        assertEquals(first.body(), retry.body());
        long stops = controls.stream().filter(e -> ((LiveEvent.Control) e).action().equals("EMERGENCY_STOP")).count();
        assertEquals(stopsBefore + 1, stops, "one emergency stop for two requests with one key");
        JsonNode s = okGet("/live-execution/status").json();
        assertEquals(0, s.path("enabledSymbols").size());
        assertEquals(0, okGet("/live-execution/positions").json().path("count").asInt());
        for (JsonNode c : first.json().path("closed")) {
            assertTrue(c.path("exitPrice").asDouble() > 0);
        }
        okPost("/live-execution/disconnect", null);
        assertEquals("DISCONNECTED", okGet("/live-execution/status").json().path("connection").path("state").asText());
    }

    @Test
    @Order(11)
    void theTokenAppearsInNoAuditRecord() throws Exception {
        paper.audit().flush();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f).contains(TOKEN), f + " contains the token");
            }
        }
    }

    @Nested
    @DisplayName("authentication")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Auth {

        @Test
        void everySecuredRoute_refusesAMissingOrWrongToken_withJson() {
            for (AriaServer.Route route : server.routes()) {
                if (route.path().equals("/health") || route.path().startsWith("/swagger/")
                        || route.path().startsWith("/assets/")) {
                    continue;
                }
                for (String t : new String[] {null, "wrong-token-0123456789abcdef", TOKEN + "x", ""}) {
                    HttpRequest.Builder b = http.request(route.path(), t);
                    if (route.method().equals("POST")) {
                        b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
                    } else {
                        b.GET();
                    }
                    Http.Reply r = http.send(b.build());
                    assertEquals(401, r.status(), route + " with token " + t + ": " + r.body());
                    assertEquals("unauthorized", r.json().path("error").asText());
                    assertFalse(r.body().contains(TOKEN));
                    assertNotNull(r.header("WWW-Authenticate"));
                }
            }
        }

        @Test
        void corsIsOff_unlessConfigured() {
            Http.Reply r = http.send(http.request("/live-execution/status", TOKEN).header("Origin", "https://evil.example")
                    .GET().build());
            assertEquals(200, r.status());
            assertNull(r.header("Access-Control-Allow-Origin"));
        }

        @Test
        void aConfiguredOrigin_getsCorsHeaders_andOthersStillDoNot() {
            try (AriaServer cors = AriaServer.start(paper.live(), paper.analytics(), ServerConfig.builder().port(0)
                    .token(TOKEN).corsOrigins(List.of("http://localhost:5175")).build())) {
                Http h = new Http(cors.url(), TOKEN);
                Http.Reply pre = h.send(h.request("/live-execution/kill-switch", null).header("Origin", "http://localhost:5175")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
                assertEquals(204, pre.status());
                assertEquals("http://localhost:5175", pre.header("Access-Control-Allow-Origin"));
                assertTrue(pre.header("Access-Control-Allow-Headers").contains("Authorization"));
                Http.Reply ok = h.send(h.request("/live-execution/status", TOKEN).header("Origin", "http://localhost:5175")
                        .GET().build());
                assertEquals("http://localhost:5175", ok.header("Access-Control-Allow-Origin"));
                Http.Reply other = h.send(h.request("/live-execution/status", TOKEN).header("Origin", "http://evil.example")
                        .GET().build());
                assertNull(other.header("Access-Control-Allow-Origin"));
            }
        }

        @Test
        void repeatedBadTokens_areSlowedDown_evenForTheRightTokenAfterwards() throws Exception {
            try (AriaServer strict = AriaServer.start(paper.live(), paper.analytics(), ServerConfig.builder().port(0)
                    .token(TOKEN).authBackoff(2, Duration.ofSeconds(30), Duration.ofSeconds(60)).build())) {
                Http h = new Http(strict.url(), "wrong-token-0123456789abcdef");
                assertEquals(401, h.get("/live-execution/status").status());
                assertEquals(401, h.get("/live-execution/status").status());
                Http.Reply third = h.get("/live-execution/status");
                assertEquals(429, third.status(), third.body());
                assertTrue(Long.parseLong(third.header("Retry-After")) >= 1);
                Http.Reply right = new Http(strict.url(), TOKEN).get("/live-execution/status");
                assertEquals(429, right.status(), "during the back-off no token is even checked");
                assertEquals(200, new Http(strict.url(), TOKEN).get("/health").status());
            }
        }
    }

    @Nested
    @DisplayName("the OpenAPI document")
    class Document {

        @Test
        void everyRouteIsDocumented_andEveryDocumentedRouteExists() {
            Set<String> served = new TreeSet<>();
            for (AriaServer.Route r : server.routes()) {
                served.add(r.method() + " " + r.path());
            }
            Set<String> documented = new TreeSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = openApi.path("paths").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> p = it.next();
                for (Iterator<String> m = p.getValue().fieldNames(); m.hasNext();) {
                    documented.add(m.next().toUpperCase() + " " + p.getKey());
                }
            }
            assertEquals(documented, served);
            for (String seed : List.of("POST /live-execution/connect", "POST /live-execution/disconnect",
                    "POST /live-execution/symbol/toggle", "POST /live-execution/kill-switch",
                    "GET /live-execution/status", "GET /live-execution/positions", "GET /live-execution/execution-stats",
                    "GET /live-execution/symbols/supported", "POST /live-execution/quick-start",
                    "POST /live-execution/emergency-stop", "GET /live-execution/live-metrics",
                    "GET /hedge-fund/performance", "GET /hedge-fund/attribution", "GET /hedge-fund/risk",
                    "POST /hedge-fund/analytics/trade", "GET /hedge-fund/dashboard")) {
                assertTrue(served.contains(seed), "the seed's " + seed);
            }
        }
    }
}
