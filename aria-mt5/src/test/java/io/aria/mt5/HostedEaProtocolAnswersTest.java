package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.Side;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The EA's own code (through the host harness) behaves as PROTOCOL.md now answers the questions of issue 12. */
@DisplayName("hosted EA: PROTOCOL.md answers (expires clock, malformed vs bad_request, bars, duplicate keys, not_found fields and fence)")
class HostedEaProtocolAnswersTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private RawEaClient client() {
        HostedEa ea = HostedEa.start(new HostedEa.Options());
        open.add(ea);
        RawEaClient c = new RawEaClient(ea);
        open.add(c);
        return c;
    }

    @Test
    @DisplayName("a terminal 5 s ahead of the client executes the client's order: the deadline is written on the terminal's clock")
    void terminalAhead_orderFills() throws Exception {
        HostedEa ea = HostedEa.start(new HostedEa.Options().mode("hedging").symbols("EURUSD=EURUSD"));
        open.add(ea);
        Mt5Connection conn = Mt5Connection.open(Mt5Config.builder().commandEndpoint(ea.commandEndpoint())
                .eventEndpoint(ea.eventEndpoint()).symbols(List.of("EURUSD")).heartbeatInterval(Duration.ofMillis(200))
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-5))).build());
        open.add(conn);
        conn.connect().get(30, TimeUnit.SECONDS);
        ea.quote("EURUSD", 1.1000, 1.1002, System.currentTimeMillis());
        Await.until(() -> conn.gateway().lastTick("EURUSD") != null, Duration.ofSeconds(20), "a quote");
        ExecutionReport r = conn.gateway().submit(OrderRequest.market("skew-1", "EURUSD", Side.BUY, 0.1, 1.1002))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(ExecutionStatus.FILLED, r.status(), () -> r + ea.tail());
    }

    @Test
    @DisplayName("no id: error_reply malformed with id \"\"; a field error: <type>_reply bad_request with the id; bars of an unknown symbol: bars_reply unknown_symbol")
    void malformedVersusBadRequest() {
        RawEaClient c = client();
        c.sendRaw("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
        JsonNode noId = c.awaitAnyReply(Duration.ofSeconds(30));
        assertEquals("error_reply", noId.path("type").asText(), noId::toString);
        assertEquals("", noId.path("id").asText());
        assertEquals("malformed", noId.path("error").asText());

        ObjectNode bad = RawEaClient.msg("bars");
        bad.put("symbol", "EURUSD");
        bad.put("timeframe", "M1");
        bad.put("count", "x");
        JsonNode field = c.request(bad);
        assertEquals("bars_reply", field.path("type").asText(), field::toString);
        assertEquals("bad_request", field.path("error").asText());
        assertTrue(field.path("message").asText().contains("count"), field::toString);

        ObjectNode unknown = RawEaClient.msg("bars");
        unknown.put("symbol", "NOPE");
        unknown.put("timeframe", "M1");
        unknown.put("count", 3);
        JsonNode u = c.request(unknown);
        assertEquals("bars_reply", u.path("type").asText(), u::toString);
        assertFalse(u.path("ok").asBoolean(true));
        assertEquals("unknown_symbol", u.path("error").asText());
    }

    @Test
    @DisplayName("a member given twice is malformed and nothing trades")
    void duplicateMember_malformed() {
        RawEaClient c = client();
        c.sendRaw(("{\"type\":\"order\",\"id\":\"d1\",\"client_order_id\":\"dup-1\",\"symbol\":\"EURUSD\",\"side\":\"buy\","
                + "\"volume\":0.1,\"volume\":5,\"price\":1.1}").getBytes(StandardCharsets.UTF_8));
        JsonNode r = c.awaitAnyReply(Duration.ofSeconds(30));
        assertEquals("error_reply", r.path("type").asText(), r::toString);
        assertEquals("malformed", r.path("error").asText(), r::toString);
        JsonNode positions = c.request(RawEaClient.msg("positions"));
        assertEquals(0, positions.path("positions").size(), positions::toString);
    }

    @Test
    @DisplayName("not_found carries only client_order_id and state, and fences the id: a later order with it is 10006, not sent")
    void notFound_fieldsAndFence() {
        RawEaClient c = client();
        ObjectNode q = RawEaClient.msg("order_status");
        q.put("client_order_id", "never-1");
        JsonNode s = c.request(q);
        assertEquals("not_found", s.path("state").asText(), s::toString);
        assertEquals("never-1", s.path("client_order_id").asText());
        assertTrue(s.path("retcode").isMissingNode() && s.path("deal").isMissingNode(), s::toString);
        ObjectNode o = RawEaClient.msg("order");
        o.put("client_order_id", "never-1");
        o.put("symbol", "EURUSD");
        o.put("side", "buy");
        o.put("volume", 0.1);
        o.put("price", 1.1);
        JsonNode r = c.request(o);
        assertEquals(10006, r.path("retcode").asInt(), r::toString);
        assertEquals("client order id fenced", r.path("message").asText(), r::toString);
        JsonNode positions = c.request(RawEaClient.msg("positions"));
        assertEquals(0, positions.path("positions").size(), positions::toString);
    }
}
