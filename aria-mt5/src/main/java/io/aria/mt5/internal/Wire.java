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
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
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

    /**
     * A strict UTF-8 decoder per thread: Jackson alone detects UTF-16 and UTF-32 (with or without a
     * byte order mark) and skips a UTF-8 BOM, so a frame PROTOCOL.md 2 calls malformed would be read.
     */
    private static final ThreadLocal<CharsetDecoder> UTF8 = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8
            .newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));

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
        String text = utf8(frame);
        JsonNode n;
        try {
            n = MAPPER.readTree(text);
        } catch (IOException | RuntimeException e) {
            throw new MalformedMessageException("not JSON (" + abbreviate(String.valueOf(e.getMessage())) + "): "
                    + abbreviate(text));
        }
        if (n == null || !n.isObject()) {
            throw new MalformedMessageException("not a JSON object: " + abbreviate(text));
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
     * Decodes a frame as PROTOCOL.md 2 requires: UTF-8 and nothing else, with no byte order mark.
     *
     * @param frame the bytes
     * @return the text
     * @throws MalformedMessageException naming the first offending byte offset and value
     */
    static String utf8(byte[] frame) throws MalformedMessageException {
        if (frame.length >= 3 && (frame[0] & 0xff) == 0xEF && (frame[1] & 0xff) == 0xBB && (frame[2] & 0xff) == 0xBF) {
            throw new MalformedMessageException("not UTF-8 without a byte order mark: the frame starts with the UTF-8 "
                    + "BOM EF BB BF (frames are UTF-8 JSON with no BOM)");
        }
        if (frame.length >= 2 && ((frame[0] & 0xff) == 0xFE && (frame[1] & 0xff) == 0xFF
                || (frame[0] & 0xff) == 0xFF && (frame[1] & 0xff) == 0xFE)) {
            throw new MalformedMessageException("not UTF-8: the frame starts with the UTF-16 byte order mark "
                    + hex(frame, 0, 2) + " (frames are UTF-8 JSON with no BOM)");
        }
        CharsetDecoder d = UTF8.get();
        d.reset();
        ByteBuffer in = ByteBuffer.wrap(frame);
        CharBuffer out = CharBuffer.allocate(frame.length);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) {
            r = d.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            throw new MalformedMessageException("not UTF-8: invalid byte sequence " + hex(frame, at, r.length())
                    + " at byte offset " + at + " of " + frame.length);
        }
        out.flip();
        return out.toString();
    }

    private static String hex(byte[] b, int from, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < Math.min(b.length, from + Math.max(1, n)); i++) {
            sb.append(i > from ? " " : "").append(String.format("%02X", b[i] & 0xff));
        }
        return sb.toString();
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
