package io.aria.risk;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.source.SyntheticTickSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Catalogs of any size: symbol i is copy i / 21 of default asset i % 21, e.g. EURUSD_0017. */
final class GeneratedCatalog {

    private GeneratedCatalog() {
    }

    static AssetCatalog of(int n) {
        List<AssetSpec> defaults = AssetCatalog.defaults().specs();
        List<AssetSpec> specs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            AssetSpec base = defaults.get(i % defaults.size());
            specs.add(base.toBuilder().symbol(String.format(Locale.ROOT, "%s_%04d", base.symbol(), i / defaults.size()))
                    .build());
        }
        return AssetCatalog.of(specs);
    }

    /** @return a portfolio over the catalog quoting every symbol near its default asset's price */
    static TestPortfolio quoted(AssetCatalog catalog) {
        TestPortfolio p = new TestPortfolio(catalog).equity(10_000_000).startOfDayEquity(10_000_000);
        List<String> bases = AssetCatalog.defaults().symbols();
        for (int i = 0; i < catalog.size(); i++) {
            p.quote(catalog.spec(i).symbol(), SyntheticTickSource.defaultStartPrice(bases.get(i % bases.size())));
        }
        return p;
    }
}
