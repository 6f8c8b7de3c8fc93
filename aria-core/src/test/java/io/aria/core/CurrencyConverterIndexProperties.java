package io.aria.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link CurrencyConverter#quoteRate} (the route resolved per symbol index at construction, read on
 * every position mark) gives bit for bit what the lookup by name {@code rate(quoteCurrency)} gives:
 * for any sub-catalog of the defaults, any account currency (also one no pair reaches), before any
 * price, and after every one of a random sequence of quotes.
 */
class CurrencyConverterIndexProperties {

    private static final AssetCatalog DEFAULTS = AssetCatalog.defaults();

    record Quote(int pick, double bid, double spreadFraction) {
    }

    @Property(tries = 300)
    void quoteRateByIndexEqualsRateByName(@ForAll("subsets") List<Integer> keep,
            @ForAll("accounts") String account, @ForAll("quotes") List<Quote> quotes) {
        List<AssetSpec> specs = new ArrayList<>();
        for (int k : keep) {
            specs.add(DEFAULTS.spec(k));
        }
        AssetCatalog catalog = AssetCatalog.of(specs);
        CurrencyConverter c = new CurrencyConverter(catalog, account);
        agree(catalog, c);
        for (Quote q : quotes) {
            int i = q.pick() % catalog.size();
            c.update(i, q.bid(), q.bid() * (1 + q.spreadFraction()));
            agree(catalog, c);
        }
    }

    private static void agree(AssetCatalog catalog, CurrencyConverter c) {
        for (int i = 0; i < catalog.size(); i++) {
            AssetSpec s = catalog.spec(i);
            double byName = c.rate(s.quoteCurrency());
            double byIndex = c.quoteRate(i);
            assertEquals(Double.doubleToLongBits(byName), Double.doubleToLongBits(byIndex),
                    () -> s.symbol() + " (" + s.quoteCurrency() + " into " + c.accountCurrency() + "): by name "
                            + byName + ", by index " + byIndex);
        }
    }

    @Provide
    Arbitrary<List<Integer>> subsets() {
        return Arbitraries.integers().between(0, DEFAULTS.size() - 1).set().ofMinSize(1).map(ArrayList::new);
    }

    @Provide
    Arbitrary<String> accounts() {
        return Arbitraries.of("USD", "EUR", "JPY", "GBP", "CHF", "AUD", "CAD", "SEK");
    }

    @Provide
    Arbitrary<List<Quote>> quotes() {
        Arbitrary<Quote> q = Combinators.combine(Arbitraries.integers().between(0, 10_000),
                Arbitraries.doubles().between(0.001, 50_000).ofScale(6), Arbitraries.doubles().between(0, 0.01).ofScale(6)).as(Quote::new);
        return q.list().ofMaxSize(60);
    }
}
