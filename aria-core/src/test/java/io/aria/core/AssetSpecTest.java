package io.aria.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("AssetSpec")
class AssetSpecTest {

    private final AssetSpec eurusd = AssetCatalog.defaults().spec("EURUSD");

    @Nested
    @DisplayName("volume rounding")
    class Volumes {
        @ParameterizedTest(name = "{0} lots -> {1}")
        @CsvSource({"0.3, 0.3", "0.299, 0.29", "0.019, 0.01", "0.01, 0.01", "0.009, 0", "0, 0", "-1, 0",
            "1.2345, 1.23", "250, 100", "NaN, 0"})
        void roundsDownToTheStep(double lots, double expected) {
            assertEquals(expected, eurusd.roundVolumeDown(lots), 1e-12);
        }

        @Test
        void belowMinIsZero_notMin() {
            AssetSpec s = eurusd.toBuilder().volumeMin(0.1).volumeStep(0.1).build();
            assertEquals(0.0, s.roundVolumeDown(0.09));
            assertEquals(0.1, s.roundVolumeDown(0.19), 1e-12);
        }

        @Test
        @DisplayName("a computed min such as 3 x 0.1 does not turn its own value into 0")
        void computedMinIsNotLostToBinaryNoise() {
            AssetSpec s = eurusd.toBuilder().volumeStep(0.1).volumeMin(3 * 0.1).build();
            assertEquals(0.3, s.roundVolumeDown(3 * 0.1), 1e-12);
            assertTrue(s.isValidVolume(s.roundVolumeDown(3 * 0.1)));
        }

        @Test
        void isValidVolume() {
            assertTrue(eurusd.isValidVolume(0.01));
            assertTrue(eurusd.isValidVolume(0.3));
            assertTrue(eurusd.isValidVolume(100));
            assertFalse(eurusd.isValidVolume(0.015));
            assertFalse(eurusd.isValidVolume(0.005));
            assertFalse(eurusd.isValidVolume(100.01));
            assertFalse(eurusd.isValidVolume(Double.NaN));
        }
    }

    @Test
    void normalizesPricesAndStops() {
        assertEquals(1.08457, eurusd.normalizePrice(1.084567), 0.0);
        assertEquals(10 * 0.00001, eurusd.minStopDistance(), 1e-15);
        assertEquals(108_000, eurusd.notional(1, 1.08), 1e-6);
    }

    @Test
    void builderDefaultsPipSizeToPoint() {
        AssetSpec s = eurusd.toBuilder().pipSize(0).build();
        assertEquals(s.point(), s.pipSize());
        assertEquals(eurusd, eurusd.toBuilder().build());
    }

    @Nested
    @DisplayName("validation names the field and value")
    class Validation {
        private void refused(String field, String value, UnaryOperator<AssetSpec.Builder> change) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> change.apply(eurusd.toBuilder()).build());
            assertTrue(e.getMessage().contains(field) && e.getMessage().contains(value),
                    () -> "'" + e.getMessage() + "' should name " + field + " and " + value);
        }

        @Test
        void everyField() {
            refused("symbol", "null", b -> b.symbol(null));
            refused("symbol", "' '", b -> b.symbol(" "));
            refused("baseCurrency", "''", b -> b.baseCurrency(""));
            refused("quoteCurrency", "null", b -> b.quoteCurrency(null));
            refused("contractSize", "0.0", b -> b.contractSize(0));
            refused("contractSize", "Infinity", b -> b.contractSize(Double.POSITIVE_INFINITY));
            refused("digits", "11", b -> b.digits(11));
            refused("digits", "-1", b -> b.digits(-1));
            refused("point", "-1.0E-5", b -> b.point(-0.00001));
            refused("pipSize", "1.0E-6", b -> b.pipSize(0.000001));
            refused("volumeMin", "0.0", b -> b.volumeMin(0));
            refused("volumeMax", "0.001", b -> b.volumeMax(0.001));
            refused("volumeMax", "Infinity", b -> b.volumeMax(Double.POSITIVE_INFINITY));
            refused("volumeStep", "NaN", b -> b.volumeStep(Double.NaN));
            refused("typicalSpread", "0.0", b -> b.typicalSpread(0));
            refused("stopsLevelPoints", "-3", b -> b.stopsLevelPoints(-3));
        }

        @Test
        void nullEnumsAndHours() {
            assertEquals("assetClass", assertThrows(NullPointerException.class,
                    () -> eurusd.toBuilder().assetClass(null).build()).getMessage());
            assertEquals("liquidityTier", assertThrows(NullPointerException.class,
                    () -> eurusd.toBuilder().liquidityTier(null).build()).getMessage());
            assertEquals("tradingHours", assertThrows(NullPointerException.class,
                    () -> eurusd.toBuilder().tradingHours(null).build()).getMessage());
            assertEquals("description", assertThrows(NullPointerException.class,
                    () -> eurusd.toBuilder().description(null).build()).getMessage());
        }
    }
}
