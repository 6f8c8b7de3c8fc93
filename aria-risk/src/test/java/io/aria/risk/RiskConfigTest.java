package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetClass;

import io.aria.core.LiquidityTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("RiskConfig")
class RiskConfigTest {

    @Nested
    @DisplayName("defaults are the seed's")
    class Defaults {
        @Test
        void classLimits_matchTheSeed() {
            RiskConfig c = RiskConfig.defaults();
            assertEquals(new ClassLimits(30, 0.10), c.limits(AssetClass.FOREX));
            assertEquals(new ClassLimits(10, 0.08), c.limits(AssetClass.COMMODITY));
            assertEquals(new ClassLimits(20, 0.12), c.limits(AssetClass.INDEX));
            assertEquals(new ClassLimits(5, 0.05), c.limits(AssetClass.CRYPTO));
        }

        @Test
        void killSwitch_fivePercentDailyLossOnTheUtcDay_andTwentyPercentErrors() {
            RiskConfig.KillSwitchRules k = RiskConfig.defaults().killSwitch();
            assertEquals(0.05, k.dailyLossShare());
            assertEquals(ZoneId.of("UTC"), k.dayZone());
            assertEquals(0.20, k.maxErrorRate());
        }

        @Test
        void classCorrelationLimits_areThreeFullPositions() {
            RiskConfig.Correlation c = RiskConfig.defaults().correlation();
            // a full position is maxPositionShare x maxLeverage of equity in notional
            assertEquals(9.0, c.maxClassExposure().get(AssetClass.FOREX));
            assertEquals(2.4, c.maxClassExposure().get(AssetClass.COMMODITY));
            assertEquals(7.2, c.maxClassExposure().get(AssetClass.INDEX));
            assertEquals(0.75, c.maxClassExposure().get(AssetClass.CRYPTO));
            assertEquals(7.5, c.maxClusterExposure());
        }

        @Test
        void tierFactors_areTheCatalogDefaults() {
            for (LiquidityTier t : LiquidityTier.values()) {
                assertEquals(t.defaultSizeFactor(), RiskConfig.defaults().sizing().tierFactor(t));
            }
        }
    }

    @Nested
    @DisplayName("JSON")
    class JsonFiles {
        @Test
        void roundTrip_givesAnEqualConfig() {
            RiskConfig c = RiskConfig.defaults();
            assertEquals(c, RiskConfig.fromJson(c.toJson()));
        }

        @Test
        void aPartialFile_changesOnlyWhatItNames() {
            RiskConfig c = RiskConfig.fromJson("""
                    { "classLimits": { "CRYPTO": { "maxLeverage": 3 } },
                      "killSwitch": { "dayZone": "Europe/Athens" },
                      "sizing": { "method": "RISK_PER_TRADE", "tierFactors": { "TIER_3": 0.25 } } }
                    """);
            assertEquals(new ClassLimits(3, 0.05), c.limits(AssetClass.CRYPTO));
            assertEquals(ZoneId.of("Europe/Athens"), c.killSwitch().dayZone());
            assertEquals(0.05, c.killSwitch().dailyLossShare());
            assertEquals(RiskConfig.SizingMethod.RISK_PER_TRADE, c.sizing().method());
            assertEquals(0.25, c.sizing().tierFactor(LiquidityTier.TIER_3));
            assertEquals(0.75, c.sizing().tierFactor(LiquidityTier.TIER_2));
            assertEquals(RiskConfig.defaults().correlation(), c.correlation());
        }

        @Test
        void load_readsAFile(@TempDir Path dir) throws Exception {
            Path f = dir.resolve("risk.json");
            Files.writeString(f, "{ \"maxOpenPositions\": 4 }");
            assertEquals(4, RiskConfig.load(f).maxOpenPositions());
        }
    }

    @Nested
    @DisplayName("validation names the field and the value")
    class Validation {
        @Test
        void negativeClassLeverage(@TempDir Path dir) throws Exception {
            Path f = dir.resolve("risk.json");
            Files.writeString(f, "{ \"classLimits\": { \"CRYPTO\": { \"maxLeverage\": -1 } } }");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RiskConfig.load(f));
            assertTrue(e.getMessage().startsWith("risk config " + f + ": classLimits.CRYPTO.maxLeverage must be"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("-1"), e.getMessage());
        }

        @Test
        void nestedField() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RiskConfig.fromJson("{ \"killSwitch\": { \"dailyLossShare\": 1.5 } }"));
            assertEquals("risk config: killSwitch.dailyLossShare must be in (0, 1], was 1.5", e.getMessage());
        }

        @Test
        void topLevelField() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RiskConfig.fromJson("{ \"maxOpenPositions\": 0 }"));
            assertEquals("risk config: maxOpenPositions must be >= 1, was 0", e.getMessage());
        }

        @Test
        void tierFactorOutOfRange() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RiskConfig.fromJson("{ \"sizing\": { \"tierFactors\": { \"TIER_2\": 2 } } }"));
            assertEquals("risk config: sizing.tierFactors.TIER_2 must be in (0, 1], was 2.0", e.getMessage());
        }

        @Test
        void unknownField() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RiskConfig.fromJson("{ \"sessions\": { \"closeBuffer\": 5 } }"));
            assertTrue(e.getMessage().contains("closeBuffer"), e.getMessage());
        }

        @Test
        void wrongType() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RiskConfig.fromJson("{ \"maxOrderNotional\": \"lots\" }"));
            assertTrue(e.getMessage().contains("maxOrderNotional"), e.getMessage());
        }

        @Test
        void badZone() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RiskConfig.fromJson("{ \"killSwitch\": { \"dayZone\": \"Mars/Base\" } }"));
            assertTrue(e.getMessage().contains("killSwitch.dayZone"), e.getMessage());
        }

        @Test
        void notJson() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RiskConfig.fromJson("{"));
            assertTrue(e.getMessage().startsWith("risk config: not valid JSON"), e.getMessage());
        }
    }
}
