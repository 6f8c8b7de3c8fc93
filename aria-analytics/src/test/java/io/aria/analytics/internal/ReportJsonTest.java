package io.aria.analytics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aria.analytics.AttributionLine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    record Holder(double primitive, Double boxed, double[] array, List<Double> list, Map<String, Double> map) {
    }

    @Test
    void negativeZeroIsWrittenAsZero_andNonFiniteAsNull() throws Exception {
        Holder h = new Holder(-0.0, -0.0, new double[] {-0.0, Double.NaN, 1.5}, List.of(-0.0), Map.of("a", -0.0));
        assertEquals("{\"primitive\":0.0,\"boxed\":0.0,\"array\":[0.0,null,1.5],\"list\":[0.0],\"map\":{\"a\":0.0}}",
                ReportJson.mapper().writeValueAsString(h));
        assertEquals("{\"name\":\"x\",\"trades\":0,\"wins\":0,\"profit\":0.0,\"share\":0.0}",
                ReportJson.mapper().writeValueAsString(new AttributionLine("x", 0, 0, -0.0, 0)));
        // what a plain mapper, as the reports used before issue 11, writes
        assertEquals("{\"name\":\"x\",\"trades\":0,\"wins\":0,\"profit\":-0.0,\"share\":0.0}",
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(new AttributionLine("x", 0, 0, -0.0, 0)));
    }
}
