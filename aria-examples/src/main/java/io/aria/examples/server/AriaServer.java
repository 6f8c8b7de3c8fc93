package io.aria.examples.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.aria.analytics.HedgeFundAnalytics;
import io.aria.core.AssetCatalog;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.Regime;
import io.aria.core.live.LiveEvent;
import io.aria.core.live.LiveEvents;
import io.aria.core.live.LiveExecution;
import io.aria.core.metrics.AriaMeterBinder;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's HTTP control API over a {@link LiveExecution} and its {@link HedgeFundAnalytics}:
 * the live-execution and hedge-fund paths, a server-sent event stream, Prometheus metrics, the
 * OpenAPI document with Swagger UI, and a liveness check. Start it in one call:
 *
 * <pre>{@code
 * try (AriaServer server = AriaServer.start(live, analytics, ServerConfig.defaults())) { ... }
 * }</pre>
 *
 * <p><b>Security.</b> Binds 127.0.0.1 unless told otherwise; every path but {@code GET /health}
 * needs {@code Authorization: Bearer <token>} (pages opened in a browser, the stream, the dashboard and Swagger UI, may
 * pass it as {@code ?access_token=}), compared in constant time; an address that keeps sending bad
 * tokens is answered 429 for a doubling, bounded back-off without its token being checked. Bodies
 * are limited ({@code 413}); a body that is not JSON ({@code 415}), malformed JSON, a missing or
 * wrong field, or an unknown symbol ({@code 400}) get a JSON error naming the field and the value;
 * a wrong method gets {@code 405} with {@code Allow}. The token is never logged or audited.
 * POST commands honour {@code Idempotency-Key}. CORS is off unless origins are configured.
 *
 * <p>Thread-safe; {@link #close()} stops it.
 */
public final class AriaServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AriaServer.class);
    private static final String JSON = "application/json";
    /** How much of a refused body is read and thrown away so that the client receives the 413. */
    private static final long DRAIN_LIMIT = 1 << 20;
    private static final Set<String> BROWSER_PATHS = Set.of("/live-execution/events", "/hedge-fund/dashboard",
            "/swagger", "/openapi.json");

    /**
     * A route the server serves.
     *
     * @param method the HTTP method
     * @param path   the path (assets of Swagger UI as {@code /swagger/{asset}})
     */
    public record Route(String method, String path) {
    }

    private interface Handler {
        Object handle(Request r) throws Exception;
    }

    /** What a handler sees: the context, the caller's origin for the audit, the parsed body. */
    private record Request(Context ctx, String by, ObjectNode body) {
    }

    /** A handler's non-JSON answer. */
    private record Raw(int status, String contentType, byte[] body) {
    }

    private final LiveExecution live;
    private final HedgeFundAnalytics analytics;
    private final ServerConfig config;
    private final String token;
    private final boolean tokenGenerated;
    private final AuthGuard auth;
    private final Idempotency idempotency = new Idempotency();
    private final ObjectMapper mapper = mapper();
    private final PrometheusMeterRegistry registry;
    private final Semaphore streams;
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
    private final byte[] openApi;
    private final String swaggerVersion;
    private final String uplotVersion;
    private final String dashboardHtml;
    private volatile boolean closing;
    private final Javalin app;

    private AriaServer(LiveExecution live, HedgeFundAnalytics analytics, ServerConfig config) {
        this.live = Objects.requireNonNull(live, "live");
        this.analytics = Objects.requireNonNull(analytics, "analytics");
        this.config = Objects.requireNonNull(config, "config");
        String t = config.token();
        boolean generated = false;
        if (t == null) {
            String env = System.getenv("ARIA_API_TOKEN");
            if (env != null && !env.isBlank()) {
                if (env.length() < 16) {
                    throw new IllegalArgumentException("ARIA_API_TOKEN must have at least 16 characters, had "
                            + env.length());
                }
                t = env;
            } else {
                t = AuthGuard.generateToken();
                generated = true;
            }
        }
        this.token = t;
        this.tokenGenerated = generated;
        this.auth = new AuthGuard(t, config.freeAuthFailures(), config.authBackoff().toMillis(),
                config.maxAuthBackoff().toMillis());
        this.streams = new Semaphore(config.maxStreams());
        this.openApi = resource("/openapi.json");
        this.swaggerVersion = webjarVersion("org.webjars", "swagger-ui");
        this.uplotVersion = webjarVersion("org.webjars.npm", "uplot");
        this.dashboardHtml = new String(resource("/io/aria/examples/server/dashboard.html"), StandardCharsets.UTF_8);
        if (!dashboardHtml.contains(DASHBOARD_SETTINGS)) {
            throw new IllegalStateException("dashboard.html has lost its settings placeholder " + DASHBOARD_SETTINGS);
        }
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new AriaMeterBinder(live).bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        defineRoutes();
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            for (Map.Entry<String, Set<String>> e : methodsByPath.entrySet()) {
                String path = e.getKey();
                for (String m : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
                    HandlerType type = HandlerType.findOrCreate(m);
                    if (!e.getValue().contains(m) && !m.equals("OPTIONS")) {
                        cfg.routes.addHttpHandler(type, jettyPath(path), ctx -> wrongMethod(ctx, path));
                    }
                }
                cfg.routes.addHttpHandler(HandlerType.OPTIONS, jettyPath(path), ctx -> options(ctx, path));
            }
            for (Registered r : registered) {
                cfg.routes.addHttpHandler(HandlerType.findOrCreate(r.route.method()), jettyPath(r.route.path()),
                        ctx -> serve(ctx, r));
            }
            cfg.routes.error(404, "*", ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty() || !JSON.equals(ctx.contentType())) {
                    error(ctx, new ApiException(404, "not_found", "path", ctx.path(), "no route " + ctx.path()));
                }
            });
        });
        app.start();
    }

    /**
     * Starts the server.
     *
     * @param live      the facade of the pipeline to serve
     * @param analytics the pipeline's analytics (a listener of the same pipeline)
     * @param config    where to listen and whom to let in
     * @return the running server
     * @throws IllegalArgumentException when {@code ARIA_API_TOKEN} is too short
     * @throws IllegalStateException    when the port cannot be bound
     */
    public static AriaServer start(LiveExecution live, HedgeFundAnalytics analytics, ServerConfig config) {
        return new AriaServer(live, analytics, config);
    }

    /** @return the port it listens on */
    public int port() {
        return app.port();
    }

    /** @return the base URL, for example {@code http://127.0.0.1:8000} */
    public String url() {
        String h = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + h + ":" + port();
    }

    /** @return the bearer token (print it once; never log it) */
    public String token() {
        return token;
    }

    /** @return whether the token was generated at start (no {@code ARIA_API_TOKEN}, none configured) */
    public boolean tokenGenerated() {
        return tokenGenerated;
    }

    /** @return the registry behind {@code /metrics} */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** @return every route the server serves */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    @Override
    public void close() {
        closing = true;
        app.stop();
        registry.close();
    }

    // ------------------------------------------------------------------ routes

    private record Registered(Route route, boolean secured, boolean command, Handler handler) {
    }

    private final List<Registered> registered = new ArrayList<>();

    private void route(String method, String path, boolean secured, Handler h) {
        Route r = new Route(method, path);
        routes.add(r);
        registered.add(new Registered(r, secured, method.equals("POST"), h));
        methodsByPath.computeIfAbsent(path, p -> new java.util.TreeSet<>()).add(method);
    }

    private void defineRoutes() {
        route("GET", "/health", false, r -> Map.of("status", "ok"));
        route("POST", "/live-execution/connect", true, r -> Map.of("connection", live.connect(r.by())));
        route("POST", "/live-execution/disconnect", true, r -> Map.of("connection", live.disconnect(r.by())));
        route("POST", "/live-execution/symbol/toggle", true, this::toggle);
        route("POST", "/live-execution/kill-switch", true, this::killSwitch);
        route("GET", "/live-execution/status", true, r -> live.status());
        route("GET", "/live-execution/positions", true, r -> {
            var p = live.positions();
            return Map.of("count", p.size(), "positions", p);
        });
        route("GET", "/live-execution/execution-stats", true, r -> live.executionStatistics());
        route("GET", "/live-execution/symbols/supported", true, r -> live.supportedSymbols());
        route("POST", "/live-execution/quick-start", true, r -> live.quickStart(r.by()));
        route("POST", "/live-execution/emergency-stop", true, r -> live.emergencyStop(r.by(),
                optionalText(r.body(), "reason", "emergency stop through the API")));
        route("GET", "/live-execution/live-metrics", true, r -> live.liveMetrics());
        route("GET", "/live-execution/events", true, this::stream);
        route("GET", "/hedge-fund/performance", true, r -> performance());
        route("GET", "/hedge-fund/attribution", true, r -> analytics.attribution());
        route("GET", "/hedge-fund/risk", true, r -> analytics.risk(live.snapshot()));
        route("POST", "/hedge-fund/analytics/trade", true, this::recordTrade);
        route("GET", "/hedge-fund/dashboard", true, r -> dashboard(r.ctx()));
        route("GET", "/assets/uplot/{asset}", false, this::uplotAsset);
        route("GET", "/metrics", true, r -> new Raw(200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape().getBytes(StandardCharsets.UTF_8)));
        route("GET", "/openapi.json", true, r -> new Raw(200, JSON, openApi));
        route("GET", "/swagger", true, r -> new Raw(200, "text/html; charset=utf-8", swaggerPage()));
        route("GET", "/swagger/{asset}", false, this::swaggerAsset);
    }

    private static String jettyPath(String path) {
        return path;
    }

    // ------------------------------------------------------------------ handlers

    private Object toggle(Request r) {
        ObjectNode b = requireBody(r);
        String symbol = symbol(b);
        Boolean enabled = null;
        JsonNode e = b.get("enabled");
        if (e != null && !e.isNull()) {
            if (!e.isBoolean()) {
                throw ApiException.badField("enabled", e, "enabled must be true or false, was " + e);
            }
            enabled = e.booleanValue();
        }
        boolean target = enabled != null ? enabled : !live.status().enabledSymbols().contains(symbol);
        return live.setSymbolEnabled(symbol, target, r.by());
    }

    private Object killSwitch(Request r) {
        ObjectNode b = requireBody(r);
        JsonNode e = b.get("engaged");
        if (e == null || e.isNull()) {
            throw ApiException.badField("engaged", null, "engaged is required: true to engage, false to release");
        }
        if (!e.isBoolean()) {
            throw ApiException.badField("engaged", e, "engaged must be true or false, was " + e);
        }
        String reason = requiredText(b, "reason");
        return e.booleanValue() ? live.engageKillSwitch(r.by(), reason) : live.releaseKillSwitch(r.by(), reason);
    }

    private Object recordTrade(Request r) {
        ObjectNode b = requireBody(r);
        String symbol = symbol(b);
        JsonNode p = b.get("profit");
        if (p == null || p.isNull()) {
            throw ApiException.badField("profit", null, "profit is required (a number in the account currency)");
        }
        if (!p.isNumber() || !Double.isFinite(p.doubleValue())) {
            throw ApiException.badField("profit", p, "profit must be a finite number, was " + p);
        }
        long t = live.snapshot().epochMillis();
        JsonNode tn = b.get("epochMillis");
        if (tn != null && !tn.isNull()) {
            if (!tn.canConvertToLong() || !tn.isIntegralNumber() || tn.longValue() < 0) {
                throw ApiException.badField("epochMillis", tn, "epochMillis must be an integer >= 0, was " + tn);
            }
            t = tn.longValue();
        }
        double profit = p.doubleValue();
        Decision none = new Decision(symbol, t, Direction.FLAT, 0, 0, Regime.RANGE, List.of(), Map.of());
        analytics.onTradeClosed(symbol, none, profit, t);
        live.pipeline().recordControl("TRADE_RECORDED", r.by(), symbol + " profit " + profit + " at " + t);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("recorded", Map.of("symbol", symbol, "profit", profit, "epochMillis", t));
        out.put("trades", analytics.performance().trades());
        return out;
    }

    private String symbol(ObjectNode b) {
        JsonNode s = b.get("symbol");
        if (s == null || s.isNull()) {
            throw ApiException.badField("symbol", null, "symbol is required, for example EURUSD");
        }
        if (!s.isTextual()) {
            throw ApiException.badField("symbol", s, "symbol must be a string, was " + s);
        }
        AssetCatalog c = live.pipeline().catalog();
        if (c.indexOf(s.textValue()) < 0) {
            throw ApiException.badField("symbol", s.textValue(), "symbol " + s.textValue()
                    + " is not supported (see GET /live-execution/symbols/supported)");
        }
        return s.textValue();
    }

    private static String requiredText(ObjectNode b, String field) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            throw ApiException.badField(field, null, field + " is required");
        }
        return text(n, field);
    }

    private static String optionalText(ObjectNode b, String field, String fallback) {
        JsonNode n = b == null ? null : b.get(field);
        return n == null || n.isNull() ? fallback : text(n, field);
    }

    private static String text(JsonNode n, String field) {
        if (!n.isTextual() || n.textValue().isBlank()) {
            throw ApiException.badField(field, n, field + " must be a non-blank string, was " + n);
        }
        if (n.textValue().length() > 500) {
            throw ApiException.badField(field, n.textValue().substring(0, 40) + "...", field
                    + " must have at most 500 characters, had " + n.textValue().length());
        }
        return io.aria.examples.server.Text.oneLine(n.textValue());
    }

    private static ObjectNode requireBody(Request r) {
        if (r.body() == null) {
            throw ApiException.badField("body", null, "a JSON object body is required");
        }
        return r.body();
    }

    private Object stream(Request r) throws IOException, InterruptedException {
        Context ctx = r.ctx();
        if (!streams.tryAcquire()) {
            throw new ApiException(503, "too_many_streams", "streams", config.maxStreams(),
                    "at most " + config.maxStreams() + " event streams at once");
        }
        try (LiveEvents.Subscription sub = live.events().subscribe(1024)) {
            ctx.res().setStatus(200);
            ctx.res().setContentType("text/event-stream");
            ctx.res().setCharacterEncoding("utf-8");
            ctx.res().setHeader("Cache-Control", "no-cache");
            ctx.res().setHeader("X-Accel-Buffering", "no");
            OutputStream out = ctx.res().getOutputStream();
            out.write(": aria event stream\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            long tick = config.statusTickInterval().toNanos();
            long next = System.nanoTime();
            long id = 0;
            while (!closing) {
                long now = System.nanoTime();
                if (now - next >= 0) {
                    next = now + tick;
                    send(out, ++id, "status", live.status());
                }
                LiveEvent e = sub.poll(Duration.ofNanos(Math.max(1, Math.min(tick, next - System.nanoTime()))));
                while (e != null) {
                    send(out, ++id, e.type(), e);
                    e = sub.poll(Duration.ZERO);
                }
                out.flush();
            }
        } catch (IOException | UncheckedIOException gone) {
            log.debug("event stream client left: {}", gone.toString());
        } finally {
            streams.release();
        }
        return null;
    }

    private void send(OutputStream out, long id, String event, Object data) throws IOException {
        String s = "id: " + id + "\nevent: " + event + "\ndata: " + mapper.writeValueAsString(data) + "\n\n";
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The performance report plus the honest Sharpe ratio on daily returns (LEAN's), which says
     * "not enough data (N days)" with a null value when the run is too short for one.
     */
    private Object performance() {
        ObjectNode p = mapper.valueToTree(analytics.performance());
        io.aria.analytics.Statistics st = analytics.statistics(Double.NaN);
        p.set("sharpeDaily", mapper.valueToTree(st.get("Sharpe Ratio")));
        p.put("dailyReturns", st.dailyReturns());
        p.put("minDailyReturns", st.minDailyReturns());
        return p;
    }

    /** The dashboard page with its settings (the class limits) inlined as JSON; it loads nothing from elsewhere. */
    private Raw dashboard(Context ctx) throws JsonProcessingException {
        Map<String, Object> settings = new LinkedHashMap<>();
        Map<String, Double> limits = new java.util.TreeMap<>();
        config.classLimits().forEach((k, v) -> limits.put(k.name(), v));
        settings.put("classLimits", limits);
        // "<" never appears in the JSON of enum names and numbers, so it cannot close the script element
        String json = mapper.writeValueAsString(settings).replace("<", "\\u003c");
        String html = dashboardHtml.replace(DASHBOARD_SETTINGS, json);
        ctx.header("Content-Security-Policy", "default-src 'none'; script-src 'self' 'unsafe-inline'; "
                + "style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
                + "base-uri 'none'; form-action 'none'");
        ctx.header("Referrer-Policy", "no-referrer");
        return new Raw(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private static final String DASHBOARD_SETTINGS = "{\"classLimits\":{}}";
    private static final Map<String, String> UPLOT_FILES = Map.of("uPlot.iife.min.js", "application/javascript",
            "uPlot.min.css", "text/css");

    /** uPlot's script and style, from its webjar: the dashboard's charts, served by this server, never a CDN. */
    private Object uplotAsset(Request r) {
        String asset = r.ctx().pathParam("asset");
        String type = UPLOT_FILES.get(asset);
        InputStream in = type == null ? null : AriaServer.class.getResourceAsStream(
                "/META-INF/resources/webjars/uplot/" + uplotVersion + "/dist/" + asset);
        if (in == null) {
            throw new ApiException(404, "not_found", "asset", Text.oneLine(asset), "no asset " + Text.oneLine(asset));
        }
        try (in) {
            return new Raw(200, type + "; charset=utf-8", in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] swaggerPage() {
        String html = new String(resource("/io/aria/examples/server/swagger.html"), StandardCharsets.UTF_8);
        return html.getBytes(StandardCharsets.UTF_8);
    }

    private Object swaggerAsset(Request r) {
        String asset = r.ctx().pathParam("asset");
        if (!asset.matches("[A-Za-z0-9._-]{1,80}") || asset.contains("..")) {
            throw new ApiException(404, "not_found", "asset", asset, "no asset " + asset);
        }
        String type = asset.endsWith(".css") ? "text/css" : asset.endsWith(".js") ? "application/javascript"
                : asset.endsWith(".png") ? "image/png" : asset.endsWith(".html") ? "text/html" : "application/octet-stream";
        InputStream in = AriaServer.class.getResourceAsStream("/META-INF/resources/webjars/swagger-ui/" + swaggerVersion
                + "/" + asset);
        if (in == null) {
            throw new ApiException(404, "not_found", "asset", asset, "no asset " + asset);
        }
        try (in) {
            return new Raw(200, type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ the request pipeline

    private void serve(Context ctx, Registered route) {
        try {
            cors(ctx);
            if (route.secured() && !authorised(ctx, route.route().path())) {
                return;
            }
            ObjectNode body = route.command() ? body(ctx) : null;
            String by = "api:" + ctx.ip();
            Request req = new Request(ctx, by, body);
            String key = ctx.header("Idempotency-Key");
            if (route.command() && key != null) {
                String fp = route.route().method() + " " + route.route().path() + " " + (body == null ? "" : body.toString());
                Idempotency.Response resp = idempotency.run(key, fp, System.currentTimeMillis(), () -> answer(route, req));
                ctx.header("Idempotency-Key", key);
                write(ctx, resp.status(), JSON, resp.body());
                return;
            }
            if (route.route().path().equals("/live-execution/events")) {
                route.handler().handle(req);
                return;
            }
            Object out = route.handler().handle(req);
            if (out instanceof Raw raw) {
                write(ctx, raw.status(), raw.contentType(), raw.body());
            } else {
                write(ctx, 200, JSON, mapper.writeValueAsBytes(out));
            }
        } catch (ApiException e) {
            error(ctx, e);
        } catch (Exception e) {
            failure(ctx, e);
        }
    }

    /** A command's answer, as stored for its idempotency key: errors too, so a retry gets the same. */
    private Idempotency.Response answer(Registered route, Request req) {
        try {
            return new Idempotency.Response(200, mapper.writeValueAsBytes(route.handler().handle(req)));
        } catch (ApiException e) {
            return new Idempotency.Response(e.status, errorBody(e));
        } catch (Exception e) {
            ApiException a = translate(e);
            return new Idempotency.Response(a.status, errorBody(a));
        }
    }

    private boolean authorised(Context ctx, String path) {
        String header = ctx.header("Authorization");
        String presented = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = header.substring(7).trim();
        } else if (header == null && BROWSER_PATHS.contains(path) && HandlerType.GET.equals(ctx.method())) {
            presented = ctx.queryParam("access_token");
        }
        long now = System.currentTimeMillis();
        AuthGuard.Outcome o = auth.check(ctx.ip(), presented, now);
        switch (o) {
            case OK:
                return true;
            case BACKING_OFF:
                long wait = auth.retryAfterMillis(ctx.ip(), now);
                ctx.header("Retry-After", Long.toString(Math.max(1, (wait + 999) / 1000)));
                error(ctx, new ApiException(429, "too_many_failed_logins", "Authorization", null,
                        "too many bad tokens from " + ctx.ip() + "; retry in " + wait + " ms"));
                return false;
            default:
                ctx.header("WWW-Authenticate", "Bearer realm=\"aria\"");
                error(ctx, new ApiException(401, "unauthorized", "Authorization", null, o == AuthGuard.Outcome.MISSING
                        ? "a bearer token is required: Authorization: Bearer <token>"
                        : "the bearer token is wrong"));
                return false;
        }
    }

    /**
     * Reads and discards what is left of a refused body, up to {@link #DRAIN_LIMIT} bytes. Answering
     * while the client is still sending and then closing makes the kernel reset the connection over
     * the unread bytes, and the client loses the 413 ("header parser received no bytes"); a body
     * past the limit is left unread and the connection is closed after the answer.
     */
    private static void drain(Context ctx) throws IOException {
        java.io.InputStream in = ctx.req().getInputStream();
        byte[] scrap = new byte[8192];
        long left = DRAIN_LIMIT;
        int n;
        while (left > 0 && (n = in.read(scrap, 0, (int) Math.min(scrap.length, left))) > 0) {
            left -= n;
        }
        if (left <= 0) {
            ctx.header("Connection", "close");
        }
    }

    private ObjectNode body(Context ctx) throws IOException {
        String lengthHeader = ctx.header("Content-Length");
        long declared = -1;
        if (lengthHeader != null) {
            try {
                declared = Long.parseLong(lengthHeader.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badField("Content-Length", lengthHeader, "Content-Length must be a number");
            }
        }
        if (declared > config.maxBodyBytes()) {
            drain(ctx);
            throw new ApiException(413, "body_too_large", "body", declared, "the body has " + declared
                    + " bytes; at most " + config.maxBodyBytes() + " are accepted");
        }
        byte[] bytes = ctx.req().getInputStream().readNBytes(config.maxBodyBytes() + 1);
        if (bytes.length > config.maxBodyBytes()) {
            drain(ctx);
            throw new ApiException(413, "body_too_large", "body", bytes.length + "+", "the body has more than "
                    + config.maxBodyBytes() + " bytes");
        }
        if (bytes.length == 0) {
            return null;
        }
        String type = ctx.header("Content-Type");
        String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!base.equals(JSON)) {
            throw new ApiException(415, "unsupported_media_type", "Content-Type", type,
                    "the body must be application/json, was " + (type == null ? "no Content-Type" : type));
        }
        JsonNode n;
        try {
            n = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiException.badField("body", preview(bytes), "malformed JSON: "
                    + Text.oneLine(e.getOriginalMessage()) + " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        }
        if (!(n instanceof ObjectNode o)) {
            throw ApiException.badField("body", preview(bytes), "the body must be a JSON object");
        }
        return o;
    }

    private static String preview(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, 60), StandardCharsets.UTF_8);
        return Text.oneLine(s) + (b.length > 60 ? "..." : "");
    }

    private void wrongMethod(Context ctx, String path) {
        cors(ctx);
        if (!path.equals("/health") && !authorised(ctx, path)) {
            return;
        }
        String allow = String.join(", ", methodsByPath.get(path));
        ctx.header("Allow", allow);
        error(ctx, new ApiException(405, "method_not_allowed", "method", ctx.method().name(),
                ctx.method().name() + " is not allowed on " + path + "; allowed: " + allow));
    }

    private void options(Context ctx, String path) {
        String allow = String.join(", ", methodsByPath.get(path)) + ", OPTIONS";
        ctx.header("Allow", allow);
        if (cors(ctx)) {
            ctx.header("Access-Control-Allow-Methods", allow);
            ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key");
            ctx.header("Access-Control-Max-Age", "600");
        }
        ctx.status(204);
    }

    /** @return whether the request's origin is allowed (its CORS headers are then set) */
    private boolean cors(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || config.corsOrigins().isEmpty() || !config.corsOrigins().contains(origin)) {
            return false;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Vary", "Origin");
        return true;
    }

    private ApiException translate(Exception e) {
        if (e instanceof ApiException a) {
            return a;
        }
        if (e instanceof IllegalArgumentException) {
            return new ApiException(400, "bad_request", null, null, Text.oneLine(e.getMessage()));
        }
        if (e instanceof IllegalStateException) {
            return new ApiException(409, "conflict", null, null, Text.oneLine(e.getMessage()));
        }
        log.warn("request failed", e);
        return new ApiException(500, "internal_error", null, null, "internal error: " + e.getClass().getSimpleName());
    }

    private void failure(Context ctx, Exception e) {
        error(ctx, translate(e));
    }

    private void error(Context ctx, ApiException e) {
        write(ctx, e.status, JSON, errorBody(e));
    }

    private byte[] errorBody(ApiException e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", e.error);
        m.put("message", e.getMessage());
        if (e.field != null) {
            m.put("field", e.field);
            m.put("value", e.value instanceof JsonNode j ? j : e.value == null ? null : String.valueOf(e.value));
        }
        try {
            return mapper.writeValueAsBytes(m);
        } catch (JsonProcessingException x) {
            throw new UncheckedIOException(x);
        }
    }

    private static void write(Context ctx, int status, String type, byte[] body) {
        ctx.status(status);
        ctx.contentType(type.startsWith(JSON) ? JSON : type);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
        ctx.result(body);
    }

    // ------------------------------------------------------------------ plumbing

    private static byte[] resource(String path) {
        try (InputStream in = AriaServer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("resource " + path + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String webjarVersion(String group, String artifact) {
        try (InputStream in = AriaServer.class.getResourceAsStream(
                "/META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** JSON with non-finite numbers as null ("not enough data"), never as invalid JSON or strings. */
    static ObjectMapper mapper() {
        SimpleModule m = new SimpleModule("aria-finite");
        StdSerializer<Double> finite = new StdSerializer<>(Double.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v == null || !Double.isFinite(v)) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
        };
        m.addSerializer(Double.class, finite);
        m.addSerializer(double.class, finite);
        return new ObjectMapper().registerModule(m);
    }
}
