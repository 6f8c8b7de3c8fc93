package io.aria.risk.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.risk.RiskConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The strict reading of a {@link io.aria.risk.RiskConfig} document: one UTF-8 file of bounded
 * size, exactly one JSON value without duplicate fields, every field checked against the
 * defaults' shape before binding, and every refusal one line naming the field and the value.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /**
     * @param file     the file
     * @param maxBytes the largest size read
     * @param where    what to call it in a message
     * @return its text
     * @throws RiskConfigException when it is missing, not a regular file, too large, unreadable or not UTF-8
     */
    public static String readUtf8File(Path file, int maxBytes, String where) {
        if (Files.isDirectory(file)) {
            throw new RiskConfigException(where + ": is a directory, not a file");
        }
        if (!Files.exists(file)) {
            throw new RiskConfigException(where + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            // a FIFO or a device would block or never end
            throw new RiskConfigException(where + ": is not a regular file");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new RiskConfigException(where + ": is " + size + " bytes, more than a risk config can be ("
                        + maxBytes + ")");
            }
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new RiskConfigException(where + ": no such file", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new RiskConfigException(where + ": permission denied", e);
        } catch (IOException e) {
            throw new RiskConfigException(where + ": cannot be read: " + e.getMessage(), e);
        }
        String text;
        try {
            text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new RiskConfigException(where + ": is not UTF-8 text", e);
        }
        return text;
    }

    /** Reads exactly one JSON value: duplicate fields and anything after the value are errors. */
    public static JsonNode readOne(ObjectMapper mapper, String text, String source) {
        com.fasterxml.jackson.core.JsonParser p = null;
        try {
            p = mapper.getFactory().createParser(text);
            p.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (p.nextToken() == null) {
                throw new RiskConfigException(source + ": is empty, expected a JSON object");
            }
            JsonNode node = mapper.readTree(p);
            com.fasterxml.jackson.core.JsonToken after;
            try {
                after = p.nextToken();
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                after = com.fasterxml.jackson.core.JsonToken.NOT_AVAILABLE;
            }
            if (after != null) {
                throw new RiskConfigException(source + ": unexpected text after the config object at "
                        + at(p.currentTokenLocation()) + " (one JSON object per file)");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            String loc = at(e.getLocation() != null || p == null ? e.getLocation() : p.currentLocation());
            if (msg.startsWith("Duplicate field")) {
                String path = p == null ? "" : pointerToPath(p.getParsingContext().pathAsPointer().toString());
                String name = msg.replaceFirst("^Duplicate field '(.*)'$", "$1");
                String field = path.isEmpty() ? name : path.endsWith(name) ? path : path + "." + name;
                throw new RiskConfigException(source + ": " + field + " appears twice (at " + loc + ")", e);
            }
            throw new RiskConfigException(source + ": not valid JSON at " + loc + ": " + msg, e);
        } catch (IOException e) {
            throw new RiskConfigException(source + ": cannot be read: " + e.getMessage(), e);
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // a parser over a String has nothing to release
                }
            }
        }
    }

    /**
     * Checks the given document against the defaults' shape, field by field: every field known,
     * objects where objects belong, numbers where numbers belong, whole numbers where whole numbers
     * belong, strings where strings belong. Whole numbers written as 4.0 become 4.
     *
     * @param textChecks for text fields that are not free text (by dotted path): the problem with a
     *                   value, or null when it is accepted
     * @throws RiskConfigException one line naming the field and the value
     */
    public static void conform(ObjectNode shape, ObjectNode given, String path, String source,
            Map<String, Function<String, String>> textChecks) {
        Iterator<Map.Entry<String, JsonNode>> it = given.fields();
        List<Map.Entry<String, JsonNode>> replace = new java.util.ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            JsonNode want = shape.get(e.getKey());
            JsonNode v = e.getValue();
            if (want == null) {
                List<String> known = new java.util.ArrayList<>();
                shape.fieldNames().forEachRemaining(known::add);
                throw new RiskConfigException(source + ": " + show(field) + ": unknown field (known: "
                        + String.join(", ", known) + ")");
            }
            if (want.isObject()) {
                if (!v.isObject()) {
                    throw wrongType(source, field, "an object", v);
                }
                conform((ObjectNode) want, (ObjectNode) v, field, source, textChecks);
            } else if (want.isIntegralNumber()) {
                if (!v.isNumber()) {
                    throw wrongType(source, field, "a whole number", v);
                }
                int whole = wholeNumber(v, field, source);
                if (!v.isInt()) {
                    replace.add(Map.entry(e.getKey(), com.fasterxml.jackson.databind.node.IntNode.valueOf(whole)));
                }
            } else if (want.isNumber()) {
                if (!v.isNumber()) {
                    throw wrongType(source, field, "a number", v);
                } // infinity from 1e400 is refused by the field's own range check, naming the field
            } else if (want.isTextual()) {
                if (!v.isTextual()) {
                    throw wrongType(source, field, "a string", v);
                }
                Function<String, String> check = textChecks.get(field);
                String problem = check == null ? null : check.apply(v.textValue());
                if (problem != null) {
                    throw new RiskConfigException(source + ": " + field + ": " + show(v) + " " + problem);
                }
            } else if (want.isBoolean()) {
                if (!v.isBoolean()) {
                    throw wrongType(source, field, "true or false", v);
                }
            } else {
                throw wrongType(source, field, kind(want), v);
            }
        }
        for (Map.Entry<String, JsonNode> r : replace) {
            given.set(r.getKey(), r.getValue());
        }
    }

    private static RiskConfigException wrongType(String source, String field, String expected, JsonNode v) {
        return new RiskConfigException(source + ": " + field + ": expected " + expected + ", was " + show(v));
    }

    /** @return the value of a number where a whole number belongs, or a one-line error naming the field */
    private static int wholeNumber(JsonNode v, String field, String source) {
        String range = " is out of range for a whole number (" + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")";
        if (v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue())) { // 1e400: no BigDecimal of it
            throw new RiskConfigException(source + ": " + field + ": " + v.doubleValue() + range);
        }
        java.math.BigDecimal d = v.decimalValue();
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            throw new RiskConfigException(source + ": " + field + ": " + show(v) + " is not a whole number");
        }
        if (d.compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
                || d.compareTo(java.math.BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
            throw new RiskConfigException(source + ": " + field + ": " + show(v) + range);
        }
        return d.intValueExact();
    }

    /** @return the value as JSON, cut short and on one line */
    private static String show(JsonNode v) {
        String s = v.isContainerNode() ? kind(v) : v.toString();
        return show(s);
    }

    private static String show(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 60; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : c);
        }
        return b.length() < s.length() ? b + "..." : b.toString();
    }

    /** @return what kind of JSON value it is, for a message ("an array", "a string"...) */
    public static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String at(com.fasterxml.jackson.core.JsonLocation l) {
        return l == null ? "an unknown place" : "line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    private static String pointerToPath(String pointer) {
        String s = pointer.startsWith("/") ? pointer.substring(1) : pointer;
        return s.replace('/', '.').replace("~1", "/").replace("~0", "~");
    }

    /** Lays {@code over} onto {@code base}: objects field by field, anything else replaced. */
    public static void merge(ObjectNode base, ObjectNode over) {
        Iterator<Map.Entry<String, JsonNode>> it = over.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = base.get(e.getKey());
            if (old instanceof ObjectNode o && e.getValue() instanceof ObjectNode n) {
                merge(o, n);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    /** @return one line naming the field of a binding error and why it was refused */
    public static RiskConfigException invalid(String source, JsonProcessingException e) {
        StringBuilder path = new StringBuilder();
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String prefix = path.length() == 0 ? "" : path + ".";
        if (root instanceof IllegalArgumentException || root instanceof NullPointerException) {
            return new RiskConfigException(source + ": " + prefix + root.getMessage(), e);
        }
        String where = path.length() == 0 ? "" : " at " + path;
        return new RiskConfigException(source + where + ": " + e.getOriginalMessage(), e);
    }
}
