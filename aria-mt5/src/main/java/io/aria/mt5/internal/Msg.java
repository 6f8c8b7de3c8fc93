package io.aria.mt5.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoded bridge message with typed accessors. Every accessor checks the JSON type and
 * throws {@link MalformedMessageException} naming the field and the value, so a handler never
 * sees a {@code ClassCastException} or a silent default for a wrongly typed field.
 * Immutable once decoded; safe to hand between threads.
 */
public final class Msg {

    private final ObjectNode node;

    Msg(ObjectNode node) {
        this.node = node;
    }

    /** @return the underlying tree (read-only by convention) */
    public ObjectNode node() {
        return node;
    }

    /** @return the {@code type} field (present in every valid message) */
    public String type() {
        return node.get("type").asText();
    }

    /** @return the {@code id} field, "" when absent */
    public String id() {
        JsonNode n = node.get("id");
        return n != null && n.isTextual() ? n.asText() : "";
    }

    /**
     * @param field name
     * @return whether the field is present
     */
    public boolean has(String field) {
        return node.hasNonNull(field);
    }

    /**
     * @param field name
     * @return the string value
     * @throws MalformedMessageException when absent or not a string
     */
    public String str(String field) throws MalformedMessageException {
        JsonNode n = require(field);
        if (!n.isTextual()) {
            throw wrongType(field, "a string", n);
        }
        return n.asText();
    }

    /**
     * @param field name
     * @param def   value when absent
     * @return the string value
     * @throws MalformedMessageException when present and not a string
     */
    public String str(String field, String def) throws MalformedMessageException {
        return has(field) ? str(field) : def;
    }

    /**
     * @param field name
     * @return the finite number
     * @throws MalformedMessageException when absent, not a number or not finite
     */
    public double num(String field) throws MalformedMessageException {
        JsonNode n = require(field);
        if (!n.isNumber()) {
            throw wrongType(field, "a number", n);
        }
        double v = n.asDouble();
        if (!Double.isFinite(v)) {
            throw new MalformedMessageException(field + " must be a finite number, was " + Wire.abbreviate(n.toString()));
        }
        return v;
    }

    /**
     * @param field name
     * @param def   value when absent
     * @return the number
     * @throws MalformedMessageException when present and not a finite number
     */
    public double num(String field, double def) throws MalformedMessageException {
        return has(field) ? num(field) : def;
    }

    /**
     * @param field name
     * @return the integral number
     * @throws MalformedMessageException when absent or not an integral number
     */
    public long lng(String field) throws MalformedMessageException {
        JsonNode n = require(field);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            if (n.isNumber() && n.asDouble() == Math.rint(n.asDouble()) && Math.abs(n.asDouble()) < 9.0e15) {
                return (long) n.asDouble(); // 12.0 from a JSON writer that prints all numbers as decimals
            }
            throw wrongType(field, "an integer", n);
        }
        return n.asLong();
    }

    /**
     * @param field name
     * @param def   value when absent
     * @return the integral number
     * @throws MalformedMessageException when present and not an integer
     */
    public long lng(String field, long def) throws MalformedMessageException {
        return has(field) ? lng(field) : def;
    }

    /**
     * @param field name
     * @param def   value when absent
     * @return the boolean
     * @throws MalformedMessageException when present and not a boolean
     */
    public boolean bool(String field, boolean def) throws MalformedMessageException {
        if (!has(field)) {
            return def;
        }
        JsonNode n = node.get(field);
        if (!n.isBoolean()) {
            throw wrongType(field, "a boolean", n);
        }
        return n.asBoolean();
    }

    /**
     * @param field name
     * @return the objects of an array field, empty when absent
     * @throws MalformedMessageException when not an array of objects
     */
    public List<Msg> objects(String field) throws MalformedMessageException {
        if (!has(field)) {
            return List.of();
        }
        JsonNode n = node.get(field);
        if (!n.isArray()) {
            throw wrongType(field, "an array", n);
        }
        List<Msg> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isObject()) {
                throw wrongType(field + "[" + i + "]", "an object", e);
            }
            out.add(new Msg((ObjectNode) e));
        }
        return out;
    }

    /**
     * @param field name
     * @return the strings of an array field, empty when absent
     * @throws MalformedMessageException when not an array of strings
     */
    public List<String> strings(String field) throws MalformedMessageException {
        if (!has(field)) {
            return List.of();
        }
        JsonNode n = node.get(field);
        if (!n.isArray()) {
            throw wrongType(field, "an array", n);
        }
        List<String> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isTextual()) {
                throw wrongType(field + "[" + i + "]", "a string", e);
            }
            out.add(e.asText());
        }
        return out;
    }

    private JsonNode require(String field) throws MalformedMessageException {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            throw new MalformedMessageException("missing field " + field + " in " + Wire.abbreviate(node.toString()));
        }
        return n;
    }

    private static MalformedMessageException wrongType(String field, String expected, JsonNode n) {
        return new MalformedMessageException(field + " must be " + expected + ", was " + Wire.abbreviate(n.toString()));
    }

    @Override
    public String toString() {
        return Wire.abbreviate(node.toString());
    }
}
