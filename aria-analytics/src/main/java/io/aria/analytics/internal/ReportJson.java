package io.aria.analytics.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * The JSON mapper of the reports: core's mapper, except that a double is never written as
 * {@code -0.0} (it is {@code 0.0}) and a non-finite double is written as {@code null} (the report
 * records hold none; this is the last line of defence for the series).
 */
public final class ReportJson {

    private static final ObjectMapper MAPPER = build();

    private ReportJson() {
    }

    private static ObjectMapper build() {
        JsonSerializer<Double> doubles = new JsonSerializer<>() {
            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                write(v, g);
            }
        };
        SimpleModule m = new SimpleModule("aria-report-doubles");
        m.addSerializer(Double.class, doubles);
        m.addSerializer(double.class, doubles);
        m.addSerializer(double[].class, new JsonSerializer<>() {
            @Override
            public void serialize(double[] a, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeStartArray(a, a.length);
                for (double v : a) {
                    write(v, g);
                }
                g.writeEndArray();
            }
        });
        // analytics' own mapper: the module depends on core's API only (core's mapper is internal)
        return com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build()
                .registerModule(m);
    }

    /**
     * @param v a number
     * @param g where to write it: {@code null} when not finite, {@code 0.0} for {@code -0.0}
     * @throws IOException from the generator
     */
    public static void write(double v, JsonGenerator g) throws IOException {
        if (!Double.isFinite(v)) {
            g.writeNull();
        } else {
            g.writeNumber(v == 0 ? 0.0 : v);
        }
    }

    /** @return the mapper */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
