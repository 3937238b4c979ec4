package com.tradesense.marketdata.symbols;

import com.tradesense.marketdata.domain.AssetType;
import com.tradesense.marketdata.domain.InvalidParameterException;
import com.tradesense.marketdata.domain.Market;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymbolMasterSearchTest {

    private static final SymbolMaster MASTER = SymbolMaster.fromClasspath(SymbolMasterSearchTest.class.getClassLoader(),
            List.of("symbols-fixtures/sample.csv", "symbols-fixtures/more.csv"));

    private static List<String> symbols(SearchPage page) {
        return page.items().stream().map(Listing::symbol).toList();
    }

    private static List<String> search(Market market, String q, AssetType type) {
        SearchPage page = MASTER.search(market, q, type, SymbolMaster.MAX_LIMIT, null);
        assertThat(page.next()).isNull();
        return symbols(page);
    }

    @Test
    void loadsEveryRowOfEverySource() {
        assertThat(MASTER.size()).isEqualTo(23);
        assertThat(MASTER.countByMarket()).containsEntry(Market.CSE, 7).containsEntry(Market.FX, 3)
                .containsEntry(Market.NYSE, 8).containsEntry(Market.NASDAQ, 3).containsEntry(Market.OTC, 1)
                .containsEntry(Market.AMEX, 1);
    }

    @Test
    void findsByCanonicalSymbolCaseInsensitively() {
        assertThat(MASTER.find("aapl")).hasValueSatisfying(l -> {
            assertThat(l).isEqualTo(new Listing("AAPL", "Apple Inc.", Market.NASDAQ, "XNAS", AssetType.EQUITY, "USD",
                    "US0378331005", "Information Technology"));
        });
        assertThat(MASTER.find("ATW.CSE").orElseThrow().name()).isEqualTo("Attijariwafa Bank");
        assertThat(MASTER.find("usd/mad").orElseThrow()).satisfies(l -> {
            assertThat(l.mic()).isNull(); // FX has no venue
            assertThat(l.isin()).isNull();
            assertThat(l.sector()).isNull();
            assertThat(l.type()).isEqualTo(AssetType.CURRENCY_PAIR);
        });
        assertThat(MASTER.find("GBP/MAD")).isPresent(); // from the second file
        assertThat(MASTER.find("ATW")).isEmpty();
        assertThat(MASTER.find("")).isEmpty();
        assertThat(MASTER.find("ÄÖ")).isEmpty();
        assertThat(MASTER.find((String) null)).isEmpty();
    }

    @Test
    void emptyMicDefaultsToTheMarketsMic() {
        assertThat(MASTER.find("BRK.B").orElseThrow().mic()).isEqualTo("XNYS");
        assertThat(MASTER.find("SPY").orElseThrow().mic()).isEqualTo("ARCX");
    }

    @Test
    void quotedFieldsKeepTheirCommasAndQuotes() {
        assertThat(MASTER.find("A").orElseThrow().name()).isEqualTo("Agilent Technologies, Inc.");
        assertThat(MASTER.find("BQCO").orElseThrow().name()).isEqualTo("Best \"Quoted\" Company, Ltd");
    }

    @Test
    void tickerPrefixFirstWithTheExactMatchOnTopThenNameMatches() {
        assertThat(search(null, "a", null)).containsExactly(
                "A", "AA", "AAL", "AAPL", "ABBV", "ATO", "ATW.CSE",      // tickers
                "BAC", "BOA.CSE", "IAM.CSE", "MASI.CSE", "SCGLY");       // America, Africa, Al-Maghrib, All, S.A.
        assertThat(search(null, "AAP", null)).containsExactly("AAPL");
        assertThat(search(null, "ATW", null)).containsExactly("ATW.CSE");
        assertThat(search(Market.CSE, "atw", null)).containsExactly("ATW.CSE");
        assertThat(search(null, "USD", null)).containsExactly("USD/MAD");
        assertThat(search(null, "usd/mad", null)).containsExactly("USD/MAD");
        assertThat(search(null, "brk.b", null)).containsExactly("BRK.B");
    }

    @Test
    void nameWordsArePrefixesOfSomeWordOfTheName() {
        assertThat(search(null, "attijari", null)).containsExactly("ATW.CSE");
        assertThat(search(null, "bank america", null)).containsExactly("BAC");
        assertThat(search(null, "america bank", null)).containsExactly("BAC");
        assertThat(search(null, "bank", null)).containsExactly("ATW.CSE", "BAC", "BOA.CSE");
        assertThat(search(null, "ban", null)).containsExactly("ATW.CSE", "BAC", "BCP.CSE", "BOA.CSE");
        assertThat(search(null, "bank  of   AMERICA ", null)).containsExactly("BAC");
        assertThat(search(null, "bank europe", null)).isEmpty();
        assertThat(search(null, "maroc telecom", null)).containsExactly("IAM.CSE");
        assertThat(search(null, "mcdonalds", null)).containsExactly("MCD");
        assertThat(search(null, "McDonald's", null)).containsExactly("MCD");
        assertThat(search(null, "s&p 500", null)).containsExactly("SPY");
        assertThat(search(null, "zzz", null)).isEmpty();
        assertThat(search(null, "—", null)).isEmpty();
    }

    @Test
    void accentsAreFoldedBothWays() {
        assertThat(search(null, "societe", null)).containsExactly("SCGLY");
        assertThat(search(null, "SOCIÉTÉ générale", null)).containsExactly("SCGLY");
        assertThat(search(null, "credit du maroc", null)).containsExactly("CDM.CSE");
        assertThat(search(null, "crédit", null)).containsExactly("CDM.CSE");
    }

    @Test
    void filtersByMarketAndType() {
        assertThat(search(Market.CSE, "bank", null)).containsExactly("ATW.CSE", "BOA.CSE");
        assertThat(search(Market.NYSE, "bank", null)).containsExactly("BAC");
        assertThat(search(Market.CSE, null, AssetType.INDEX)).containsExactly("MASI.CSE", "MSI20.CSE");
        assertThat(search(null, null, AssetType.ETF)).containsExactly("QQQ", "SPY");
        assertThat(search(Market.NASDAQ, null, AssetType.ETF)).containsExactly("QQQ");
        assertThat(search(Market.FX, "", null)).containsExactly("EUR/MAD", "GBP/MAD", "USD/MAD");
        assertThat(search(Market.FX, "dirham", AssetType.CURRENCY_PAIR))
                .containsExactly("EUR/MAD", "GBP/MAD", "USD/MAD");
        assertThat(search(Market.FX, "moroccan", null)).containsExactly("EUR/MAD", "GBP/MAD", "USD/MAD");
        assertThat(search(Market.CSE, "moroccan", null)).containsExactly("MASI.CSE");
        assertThat(search(Market.AMEX, null, AssetType.INDEX)).isEmpty();
        assertThat(search(null, "a", AssetType.INDEX)).containsExactly("MASI.CSE");
    }

    @Test
    void withoutQueryListsEverythingBySymbol() {
        List<String> all = search(null, null, null);
        assertThat(all).hasSize(23).isSorted();
        assertThat(search(null, "   ", null)).isEqualTo(all);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "bank", "m", "ban", "d"})
    void pagesThroughEverythingWithoutDuplicatesOrGaps(String q) {
        for (Market market : new Market[] {null, Market.CSE, Market.NYSE}) {
            List<String> expected = search(market, q, null);
            for (int limit = 1; limit <= expected.size() + 1; limit++) {
                List<String> seen = new ArrayList<>();
                String next = null;
                int pages = 0;
                do {
                    SearchPage page = MASTER.search(market, q, null, limit, next);
                    assertThat(page.items().size()).isLessThanOrEqualTo(limit);
                    if (page.next() != null) {
                        assertThat(page.items()).hasSize(limit);
                    }
                    seen.addAll(symbols(page));
                    next = page.next();
                    pages++;
                } while (next != null && pages < 100);
                assertThat(seen).as("market %s q '%s' limit %d", market, q, limit).isEqualTo(expected);
                assertThat(new HashSet<>(seen)).hasSize(seen.size());
            }
        }
    }

    @Test
    void cursorsWorkAcrossInstancesOfTheSameData() {
        SymbolMaster other = SymbolMaster.fromClasspath(getClass().getClassLoader(),
                List.of("symbols-fixtures/sample.csv", "symbols-fixtures/more.csv"));
        SearchPage first = MASTER.search(null, "a", null, 8, null);
        SearchPage second = other.search(null, "a", null, 8, first.next());
        assertThat(symbols(second)).containsExactly("BOA.CSE", "IAM.CSE", "MASI.CSE", "SCGLY");
    }

    @Test
    void rejectsLimitOutOfRange() {
        for (int limit : new int[] {0, -1, 1001, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> MASTER.search(null, "a", null, limit, null))
                    .isInstanceOfSatisfying(InvalidParameterException.class,
                            e -> assertThat(e.parameter()).isEqualTo("limit"));
        }
        assertThat(MASTER.search(null, "a", null, 1000, null).items()).isNotEmpty();
    }

    @Test
    void rejectsQueriesTooLongOrWithControlCharacters() {
        for (String q : new String[] {"a".repeat(65), "bank\namerica", "a\u0000", "\t", "x\u007f"}) {
            assertThatThrownBy(() -> MASTER.search(null, q, null, 10, null))
                    .isInstanceOfSatisfying(InvalidParameterException.class,
                            e -> assertThat(e.parameter()).isEqualTo("q"));
        }
        assertThat(MASTER.search(null, "a".repeat(64), null, 10, null).items()).isEmpty();
    }

    @Test
    void rejectsGarbageTamperedAndForeignCursors() {
        String next = MASTER.search(null, "a", null, 3, null).next();
        assertThat(next).isNotNull();
        Set<String> bad = new HashSet<>(List.of("garbage", "!!!!", "", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                next.substring(1), next + "A", "x".repeat(5000)));
        for (int i = 0; i < next.length(); i++) { // every single-character edit
            char c = next.charAt(i);
            bad.add(next.substring(0, i) + (c == 'A' ? 'B' : 'A') + next.substring(i + 1));
        }
        for (String cursor : bad) {
            assertThatThrownBy(() -> MASTER.search(null, "a", null, 3, cursor))
                    .as(cursor)
                    .isInstanceOfSatisfying(InvalidParameterException.class,
                            e -> assertThat(e.parameter()).isEqualTo("next"));
        }
        // a cursor from another search
        for (Runnable other : List.<Runnable>of(
                () -> MASTER.search(null, "b", null, 3, next),
                () -> MASTER.search(Market.NYSE, "a", null, 3, next),
                () -> MASTER.search(null, "a", AssetType.EQUITY, 3, next),
                () -> MASTER.search(null, null, null, 3, next))) {
            assertThatThrownBy(other::run)
                    .isInstanceOfSatisfying(InvalidParameterException.class,
                            e -> assertThat(e.parameter()).isEqualTo("next"));
        }
        // the same search spelled with other case or spacing keeps its cursor
        assertThat(MASTER.search(null, " A ", null, 3, next).items()).isNotEmpty();
    }
}
