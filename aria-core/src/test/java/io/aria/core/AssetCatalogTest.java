package io.aria.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("AssetCatalog")
class AssetCatalogTest {

    private final AssetCatalog catalog = AssetCatalog.defaults();

    @Nested
    @DisplayName("the defaults")
    class Defaults {
        @Test
        @DisplayName("are the seed's 21 assets: 8 forex, 4 commodities, 5 indices, 4 crypto")
        void the21Assets() {
            assertEquals(21, catalog.size());
            assertEquals(List.of("EURUSD", "GBPUSD", "USDJPY", "USDCHF", "AUDUSD", "NZDUSD", "EURGBP", "EURJPY"),
                    symbols(AssetClass.FOREX));
            assertEquals(List.of("XAUUSD", "XAGUSD", "USOIL", "UKOIL"), symbols(AssetClass.COMMODITY));
            assertEquals(List.of("US30", "SPX500", "NAS100", "GER40", "UK100"), symbols(AssetClass.INDEX));
            assertEquals(List.of("BTCUSD", "ETHUSD", "ADAUSD", "DOTUSD"), symbols(AssetClass.CRYPTO));
        }

        private List<String> symbols(AssetClass c) {
            return catalog.byClass(c).stream().map(AssetSpec::symbol).toList();
        }

        @Test
        @DisplayName("give every symbol a stable index")
        void indexes() {
            for (int i = 0; i < catalog.size(); i++) {
                assertEquals(i, catalog.indexOf(catalog.spec(i).symbol()));
            }
            assertEquals(-1, catalog.indexOf("NOPE"));
            assertThrows(IllegalArgumentException.class, () -> catalog.spec("NOPE"));
            assertEquals(Optional.empty(), catalog.find("NOPE"));
        }

        @Test
        void forexSpecsAreTypical() {
            AssetSpec eurusd = catalog.spec("EURUSD");
            assertEquals(100_000, eurusd.contractSize());
            assertEquals(5, eurusd.digits());
            assertEquals(0.0001, eurusd.pipSize(), 1e-15);
            assertEquals(3, catalog.spec("USDJPY").digits());
        }
    }

    @Nested
    @DisplayName("JSON")
    class JsonForm {
        @Test
        @DisplayName("a round trip gives the same specs, limits and aliases")
        void roundTrip() {
            AssetCatalog withAlias = catalog.withAlias("GOLD", "XAUUSD");
            AssetCatalog back = AssetCatalog.fromJson(withAlias.toJson());
            assertSame(withAlias, back);
        }

        @Test
        void saveAndLoad(@TempDir Path dir) {
            Path f = dir.resolve("catalog.json");
            catalog.save(f);
            assertTrue(Files.exists(f));
            assertSame(catalog, AssetCatalog.load(f));
        }

        @Test
        void loadingAMissingFile_isAnIoError(@TempDir Path dir) {
            assertThrows(java.io.UncheckedIOException.class, () -> AssetCatalog.load(dir.resolve("none.json")));
        }

        @Test
        @DisplayName("an invalid value is named with its field and value")
        void invalidValue() {
            String json = catalog.toJson().replaceFirst("\"digits\" : 5", "\"digits\" : 11");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AssetCatalog.fromJson(json));
            assertTrue(e.getMessage().contains("digits") && e.getMessage().contains("11"), e.getMessage());
        }

        @Test
        void invalidTypeNamesTheField() {
            String json = catalog.toJson().replaceFirst("\"contractSize\" : 100000.0", "\"contractSize\" : \"big\"");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AssetCatalog.fromJson(json));
            assertTrue(e.getMessage().contains("contractSize"), e.getMessage());
        }

        @Test
        void unknownFieldIsNamed() {
            String json = catalog.toJson().replaceFirst("\"digits\" : 5", "\"digitz\" : 5");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AssetCatalog.fromJson(json));
            assertTrue(e.getMessage().contains("digitz"), e.getMessage());
        }

        @Test
        void wrongVersionAndEmptyAssets() {
            IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
                    () -> AssetCatalog.fromJson("{\"version\": 9, \"assets\": []}"));
            assertTrue(v.getMessage().contains("version") && v.getMessage().contains("9"), v.getMessage());
            IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                    () -> AssetCatalog.fromJson("{\"version\": 1, \"assets\": []}"));
            assertTrue(a.getMessage().contains("assets"), a.getMessage());
        }

        @Test
        void aliasToUnknownSymbolIsRefused() {
            String json = catalog.toJson().replaceFirst("\"aliases\" : \\{ }", "\"aliases\" : {\"GOLD\": \"XAUEUR\"}");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AssetCatalog.fromJson(json));
            assertTrue(e.getMessage().contains("XAUEUR"), e.getMessage());
        }
    }

    private static void assertSame(AssetCatalog expected, AssetCatalog actual) {
        assertEquals(expected.specs(), actual.specs());
        assertEquals(expected.aliases(), actual.aliases());
    }

    @Nested
    @DisplayName("resolve")
    class Resolve {
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"EURUSD, EURUSD", "EURUSD.m, EURUSD", "EURUSDm, EURUSD", "eurusd, EURUSD", "#US30, US30",
            "EURUSD_i, EURUSD", "XAUUSD.pro, XAUUSD", "GER40-cash, GER40", "BTCUSD!, BTCUSD"})
        void mapsBrokerDecorations(String broker, String symbol) {
            assertEquals(Optional.of(symbol), catalog.resolve(broker));
        }

        @Test
        void explicitAliasesWin() {
            AssetCatalog c = catalog.withAlias("GOLD", "XAUUSD").withAlias("DE40", "GER40");
            assertEquals(Optional.of("XAUUSD"), c.resolve("GOLD"));
            assertEquals(Optional.of("GER40"), c.resolve("DE40"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"FOO", "", "  ", "XAUEUR", "EUR", "EURUSDXXXXXXX"})
        void refusesUnknownNames(String name) {
            assertEquals(Optional.empty(), catalog.resolve(name));
        }

        @Test
        void refusesNull() {
            assertEquals(Optional.empty(), catalog.resolve(null));
        }
    }

    @Nested
    @DisplayName("changed copies")
    class Copies {
        @Test
        void withSpecReplacesOrAppends() {
            AssetSpec wider = catalog.spec("EURUSD").toBuilder().typicalSpread(0.0005).build();
            AssetCatalog c = catalog.withSpec(wider);
            assertEquals(0.0005, c.spec("EURUSD").typicalSpread());
            assertEquals(0.00012, catalog.spec("EURUSD").typicalSpread(), "the original is unchanged");
            AssetSpec extra = wider.toBuilder().symbol("USDSEK").build();
            assertEquals(22, c.withSpec(extra).size());
        }

        @Test
        void subsetKeepsOrderAndAliases() {
            AssetCatalog c = catalog.withAlias("GOLD", "XAUUSD").withAlias("BTC", "BTCUSD")
                    .subset(List.of("XAUUSD", "EURUSD"));
            assertEquals(List.of("XAUUSD", "EURUSD"), c.symbols());
            assertEquals(Map.of("GOLD", "XAUUSD"), c.aliases());
            assertThrows(IllegalArgumentException.class, () -> catalog.subset(List.of("NOPE")));
        }

        @Test
        void ofRefusesDuplicates() {
            AssetSpec e = catalog.spec("EURUSD");
            IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                    () -> AssetCatalog.of(List.of(e, e)));
            assertTrue(dup.getMessage().contains("EURUSD"), dup.getMessage());
        }

        @Test
        @DisplayName("a document that still sets classLimits is refused, naming where they live now")
        void classLimitsAreNotACatalogSetting() {
            // class limits are risk policy (aria-risk RiskConfig); a catalog that carried them had them ignored
            String json = catalog.toJson().replaceFirst("\\{", "{ \"classLimits\": { \"CRYPTO\": { \"maxLeverage\": 3,"
                    + " \"maxPositionShare\": 0.02 } },");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AssetCatalog.fromJson(json));
            assertTrue(e.getMessage().startsWith("catalog JSON: classLimits is not a catalog setting"), e.getMessage());
            assertTrue(e.getMessage().contains("risk config"), e.getMessage());
            assertFalse(catalog.toJson().contains("classLimits"), "the catalog no longer writes class limits");
        }
    }
}
