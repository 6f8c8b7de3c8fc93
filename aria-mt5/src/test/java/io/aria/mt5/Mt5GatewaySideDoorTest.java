package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aria.core.spi.OrderGateway;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, finding 5: every order-sending operation goes through the pipeline and its audit.
 * The only public ways to send anything to the broker are the SPI's {@code submit} and
 * {@code modify}, which the pipeline calls on its loop after its write-ahead record.
 */
@DisplayName("Mt5Gateway has no public side door for orders")
class Mt5GatewaySideDoorTest {

    /** Public methods beyond the SPI that only read (queries of the terminal, statistics, resolutions). */
    private static final Set<String> READ_ONLY = Set.of("resolution", "fetchPositions", "pendingOrders", "deals",
            "fetchAccount", "statistics");

    @Test
    void everyPublicMethodIsTheSpisOrReadOnly() {
        Set<String> spi = new TreeSet<>();
        for (Method m : OrderGateway.class.getMethods()) {
            spi.add(m.getName() + Arrays.toString(m.getParameterTypes()));
        }
        Set<String> doors = new TreeSet<>();
        for (Method m : Mt5Gateway.class.getDeclaredMethods()) {
            String sig = m.getName() + Arrays.toString(m.getParameterTypes());
            if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !spi.contains(sig)
                    && !READ_ONLY.contains(m.getName())) {
                doors.add(sig);
            }
        }
        assertEquals(Set.of(), doors, "public methods of Mt5Gateway that are neither the OrderGateway SPI nor read-only:"
                + " orders sent through them bypass the pipeline's audit");
    }
}
