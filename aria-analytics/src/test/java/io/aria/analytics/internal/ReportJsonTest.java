package io.aria.analytics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aria.analytics.AttributionLine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportJsonTest {


    @Test
    void negativeZeroIsWrittenAsZero_andNonFiniteAsNull() throws Exception {
        // a map rather than a record of this internal package, which the module does not open to Jackson
        // (the report's own records are public types of io.aria.analytics: AttributionLine below)
        Map<String, Object> h = new java.util.LinkedHashMap<>();
        h.put("primitive", -0.0);
        h.put("boxed", Double.valueOf(-0.0));
        h.put("array", new double[] {-0.0, Double.NaN, 1.5});
        h.put("list", List.of(-0.0));
        h.put("map", Map.of("a", -0.0));
        assertEquals("{\"primitive\":0.0,\"boxed\":0.0,\"array\":[0.0,null,1.5],\"list\":[0.0],\"map\":{\"a\":0.0}}",
                ReportJson.mapper().writeValueAsString(h));
        assertEquals("{\"name\":\"x\",\"trades\":0,\"wins\":0,\"profit\":0.0,\"share\":0.0}",
                ReportJson.mapper().writeValueAsString(new AttributionLine("x", 0, 0, -0.0, 0)));
        // what a plain mapper, as the reports used before issue 11, writes
        assertEquals("{\"name\":\"x\",\"trades\":0,\"wins\":0,\"profit\":-0.0,\"share\":0.0}",
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(new AttributionLine("x", 0, 0, -0.0, 0)));
    }
}
