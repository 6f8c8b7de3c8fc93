package io.aria.examples.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4: every line is blank, a
 * {@code # HELP} or {@code # TYPE} comment of a valid name, or a sample
 * {@code name{label="value",...} value [timestamp]} with a valid name, labels and a float value.
 * Any other line fails the parse. Each family's TYPE comes before its samples and at most once.
 */
final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? ([^ ]+)( -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\"");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private PrometheusText() {
    }

    static Map<String, List<Sample>> parse(String text) {
        Map<String, List<Sample>> out = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] p = line.split(" ", 4);
                if (p.length >= 3 && (p[1].equals("HELP") || p[1].equals("TYPE"))) {
                    if (!NAME.matcher(p[2]).matches()) {
                        throw new AssertionError("line " + n + ": bad metric name in " + line);
                    }
                    if (p[1].equals("TYPE")) {
                        if (p.length != 4 || !List.of("counter", "gauge", "histogram", "summary", "untyped")
                                .contains(p[3])) {
                            throw new AssertionError("line " + n + ": bad TYPE " + line);
                        }
                        if (types.put(p[2], p[3]) != null) {
                            throw new AssertionError("line " + n + ": second TYPE for " + p[2]);
                        }
                    }
                }
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("line " + n + " is not a sample: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null && !m.group(3).isEmpty()) {
                String rest = m.group(3);
                Matcher l = LABEL.matcher(rest);
                int at = 0;
                while (at < rest.length()) {
                    if (!l.find(at) || l.start() != at) {
                        throw new AssertionError("line " + n + ": bad labels " + rest);
                    }
                    labels.put(l.group(1), l.group(2));
                    at = l.end();
                    if (at < rest.length()) {
                        if (rest.charAt(at) != ',') {
                            throw new AssertionError("line " + n + ": bad labels " + rest);
                        }
                        at++;
                    }
                }
            }
            double v = switch (m.group(4)) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> {
                    try {
                        yield Double.parseDouble(m.group(4));
                    } catch (NumberFormatException e) {
                        throw new AssertionError("line " + n + ": bad value " + m.group(4));
                    }
                }
            };
            String family = m.group(1);
            boolean typed = types.containsKey(family) || types.containsKey(family.replaceAll("_(bucket|sum|count|total|created)$", ""));
            if (!typed) {
                throw new AssertionError("line " + n + ": sample of " + family + " before its TYPE");
            }
            out.computeIfAbsent(family, k -> new ArrayList<>()).add(new Sample(family, labels, v));
        }
        return out;
    }
}
