package io.aria.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("CurrencyConverter")
class CurrencyConverterTest {

    private final AssetCatalog catalog = AssetCatalog.defaults();

    private void price(CurrencyConverter c, String symbol, double mid) {
        c.update(new Tick(symbol, 0, mid, mid, 0));
    }

    @Nested
    @DisplayName("into a USD account")
    class Usd {
        private final CurrencyConverter c = new CurrencyConverter(catalog, "USD");

        @Test
        void nanBeforePrices() {
            assertTrue(Double.isNaN(c.rate("JPY")));
            assertTrue(Double.isNaN(c.toAccount(1000, "GBP")));
            assertEquals(1.0, c.rate("USD"));
            assertEquals(250.0, c.toAccount(250, "USD"));
        }

        @Test
        void jpyThroughUsdJpy() {
            price(c, "USDJPY", 150.0);
            assertEquals(100.0, c.toAccount(15_000, "JPY"), 1e-9);
        }

        @Test
        void gbpThroughGbpUsd() {
            price(c, "GBPUSD", 1.25);
            assertEquals(125.0, c.toAccount(100, "GBP"), 1e-9);
        }

        @Test
        void chfThroughUsdChf() {
            price(c, "USDCHF", 0.8);
            assertEquals(125.0, c.toAccount(100, "CHF"), 1e-9);
        }

        @Test
        void usesTheMidOfBidAndAsk() {
            c.update(catalog.indexOf("GBPUSD"), 1.2, 1.3);
            assertEquals(1.25, c.rate("GBP"), 1e-12);
        }

        @Test
        void unknownCurrencyIsNaN() {
            assertTrue(Double.isNaN(c.rate("SEK")));
        }

        @Test
        void ticksOfOtherSymbolsAreIgnored() {
            c.update(new Tick("NOTINCATALOG", 0, 1, 1, 0));
            assertTrue(Double.isNaN(c.rate("GBP")));
        }
    }

    @Nested
    @DisplayName("into a EUR account")
    class Eur {
        private final CurrencyConverter c = new CurrencyConverter(catalog, "EUR");

        @Test
        void usdThroughEurUsd() {
            price(c, "EURUSD", 1.25);
            assertEquals(80.0, c.toAccount(100, "USD"), 1e-9);
        }

        @Test
        void jpyThroughEurJpyDirectly() {
            price(c, "EURJPY", 160.0);
            assertEquals(100.0, c.toAccount(16_000, "JPY"), 1e-9);
        }

        @Test
        void gbpThroughEurGbp() {
            price(c, "EURGBP", 0.8);
            assertEquals(125.0, c.toAccount(100, "GBP"), 1e-9);
        }

        @Test
        @DisplayName("CHF and AUD cross through USD")
        void crossesThroughUsd() {
            price(c, "USDCHF", 0.8);
            assertTrue(Double.isNaN(c.rate("CHF")), "needs both legs");
            price(c, "EURUSD", 1.25);
            // 100 CHF = 125 USD = 100 EUR
            assertEquals(100.0, c.toAccount(100, "CHF"), 1e-9);
            price(c, "AUDUSD", 0.625);
            assertEquals(50.0, c.toAccount(100, "AUD"), 1e-9);
        }
    }

    @Test
    void blankAccountCurrencyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CurrencyConverter(catalog, " "));
        assertTrue(e.getMessage().contains("accountCurrency"), e.getMessage());
    }

    @Test
    @DisplayName("an index outside the catalog is refused naming the field and the value")
    void quoteRate_outsideTheCatalog_namesTheFieldAndTheValue() {
        CurrencyConverter c = new CurrencyConverter(catalog, "USD");
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> c.quoteRate(catalog.size()));
        assertTrue(e.getMessage().contains("symbolIndex") && e.getMessage().contains("was " + catalog.size()), e.getMessage());
        IndexOutOfBoundsException u = assertThrows(IndexOutOfBoundsException.class, () -> c.quoteRateUses(-1, 0));
        assertTrue(u.getMessage().contains("symbolIndex") && u.getMessage().contains("was -1"), u.getMessage());
    }
}
