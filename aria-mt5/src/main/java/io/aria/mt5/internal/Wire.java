package io.aria.mt5.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Encoding and decoding of PROTOCOL.md's single-frame JSON messages. Thread-safe. */
public final class Wire {

    /** Largest frame accepted (PROTOCOL.md section 2). */
    public static final int MAX_FRAME_BYTES = 1 << 20;
    /** Protocol version spoken. */
    public static final int PROTOCOL_VERSION = 1;

    /**
     * Trailing tokens and a member name given twice make a frame malformed (PROTOCOL.md 12):
     * readers disagree on which of two values counts (Jackson keeps the last, the EA's parser the
     * first), so neither may be taken.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(MAX_FRAME_BYTES).maxNumberLength(64).build());
    }

    private Wire() {
    }

    /** @return a new empty JSON object */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * @param type message type
     * @param id   request id
     * @return an object with {@code type} and {@code id} set
     */
    public static ObjectNode request(String type, String id) {
        ObjectNode o = object();
        o.put("type", type);
        o.put("id", id);
        return o;
    }

    /**
     * @param node a message
     * @return its UTF-8 JSON bytes
     */
    public static byte[] encode(ObjectNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + node, e);
        }
    }

    /**
     * Decodes one frame.
     *
     * @param frame the bytes, may be null
     * @return the message, with a string {@code type}
     * @throws MalformedMessageException naming what is wrong; never another exception
     */
    public static Msg decode(byte[] frame) throws MalformedMessageException {
        if (frame == null) {
            throw new MalformedMessageException("empty frame");
        }
        if (frame.length > MAX_FRAME_BYTES) {
            throw new MalformedMessageException("frame of " + frame.length + " bytes exceeds the limit of "
                    + MAX_FRAME_BYTES);
        }
        JsonNode n;
        try {
            n = MAPPER.readTree(frame);
        } catch (IOException | RuntimeException e) {
            throw new MalformedMessageException("not JSON (" + abbreviate(String.valueOf(e.getMessage())) + "): "
                    + abbreviate(new String(frame, StandardCharsets.UTF_8)));
        }
        if (n == null || !n.isObject()) {
            throw new MalformedMessageException("not a JSON object: " + abbreviate(new String(frame, StandardCharsets.UTF_8)));
        }
        JsonNode type = n.get("type");
        if (type == null || !type.isTextual() || type.asText().isEmpty()) {
            throw new MalformedMessageException("type must be a non-empty string, was "
                    + (type == null ? "missing" : abbreviate(type.toString())));
        }
        JsonNode id = n.get("id");
        if (id != null && !id.isTextual()) {
            throw new MalformedMessageException("id must be a string, was " + abbreviate(id.toString()));
        }
        return new Msg((ObjectNode) n);
    }

    /**
     * @param s any text
     * @return the text cut to 200 characters for logs
     */
    public static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...(" + s.length() + " chars)";
    }

    /**
     * @param wire the handshake's {@code margin_mode}: {@code netting}, {@code exchange} (books
     *             positions as netting does) or {@code hedging}
     * @return the account mode
     * @throws IllegalArgumentException for any other value
     */
    public static io.aria.core.AccountMode accountMode(String wire) {
        return switch (wire) {
            case "netting", "exchange" -> io.aria.core.AccountMode.NETTING;
            case "hedging" -> io.aria.core.AccountMode.HEDGING;
            default -> throw new IllegalArgumentException("margin_mode must be netting, exchange or hedging, was '"
                    + abbreviate(wire) + "'");
        };
    }

    /**
     * @param mode an account mode
     * @return its {@code margin_mode} on the wire
     */
    public static String marginMode(io.aria.core.AccountMode mode) {
        return mode == io.aria.core.AccountMode.NETTING ? "netting" : "hedging";
    }
}
