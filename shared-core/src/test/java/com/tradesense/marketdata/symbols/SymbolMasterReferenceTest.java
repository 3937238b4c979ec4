package com.tradesense.marketdata.symbols;

import com.tradesense.marketdata.domain.AssetType;
import com.tradesense.marketdata.domain.Market;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random listings searched two ways, the index and a brute-force reading of the search rules, page by page:
 * any difference in matching, ranking or paging shows up as a different list.
 */
class SymbolMasterReferenceTest {

    private static final String[] WORDS = {"Bank", "Banque", "Banco", "America", "Américas", "Africa", "Société",
            "Générale", "Crédit", "Credit", "Maroc", "Holdings", "Holding", "Energy", "Énergie", "Group", "Groupe",
            "Tech", "Technologies", "Trust", "Inc.", "Corp", "S.A.", "O'Neil", "Coca-Cola", "Atlas", "Attijari",
            "Al", "Alpha", "Zeta", "Ωmega", "ÇA", "Straße"};

    private record Row(String symbol, String name, Market market, AssetType type) {
    }

    @Test
    void indexAgreesWithBruteForce() {
        Random random = new Random(42);
        Map<String, Row> rows = new LinkedHashMap<>();
        while (rows.size() < 3000) {
            Market market = Market.values()[random.nextInt(Market.values().length)];
            String symbol = switch (market) {
                case CSE -> ticker(random, 1 + random.nextInt(5)) + ".CSE";
                case FX -> ticker(random, 3) + "/" + (random.nextBoolean() ? "MAD" : ticker(random, 3));
                default -> ticker(random, 1 + random.nextInt(4)) + (random.nextInt(10) == 0 ? ".B" : "");
            };
            if (symbol.length() == 7 && symbol.charAt(3) == '/' && symbol.regionMatches(0, symbol, 4, 3)) {
                continue;
            }
            AssetType type = market == Market.FX ? AssetType.CURRENCY_PAIR
                    : new AssetType[] {AssetType.EQUITY, AssetType.EQUITY, AssetType.ETF, AssetType.INDEX}[random.nextInt(4)];
            StringBuilder name = new StringBuilder();
            for (int w = 0, n = 1 + random.nextInt(4); w < n; w++) {
                name.append(w > 0 ? " " : "").append(WORDS[random.nextInt(WORDS.length)]);
            }
            if (random.nextInt(3) == 0) { // a long tail of rare words: "q" is the prefix of hundreds of them
                name.append(" Q").append(ticker(random, 3).toLowerCase(Locale.ROOT));
            }
            rows.putIfAbsent(symbol, new Row(symbol, name.toString(), market, type));
        }
        StringBuilder csv = new StringBuilder("symbol,name,market,mic,type,currency,isin,sector\n");
        for (Row r : rows.values()) {
            csv.append(r.symbol).append(",\"").append(r.name).append("\",").append(r.market).append(",,")
                    .append(r.type.wireName()).append(",USD,,\n");
        }
        SymbolMaster master = SymbolMaster.load("random.csv", new StringReader(csv.toString()));
        assertThat(master.size()).isEqualTo(rows.size());

        List<String> queries = new ArrayList<>(List.of("a", "b", "ab", "bank", "ban", "bank am", "societe", "SOCIÉTÉ",
                "credit", "cre", "ener", "énergie", "o'neil", "oneil", "cola coca", "omega", "ωm", "ca", "strasse",
                "al", "a b", "q a", "bank q", "q qa", "qa q", "ba qb", "holding q", "q e", "usd", "zz", "q", "x.b", "inc", "s a", "holding group"));
        for (int i = 0; i < 30; i++) {
            queries.add(ticker(random, 1 + random.nextInt(2)));
        }
        Market[] markets = Stream.concat(Stream.of((Market) null), Arrays.stream(Market.values())).toArray(Market[]::new);
        AssetType[] types = {null, AssetType.EQUITY, AssetType.INDEX};
        for (String q : queries) {
            for (Market market : markets) {
                for (AssetType type : types) {
                    List<String> expected = bruteForce(rows.values(), market, q, type);
                    for (int limit : new int[] {1, 7, 1000}) {
                        List<String> actual = new ArrayList<>();
                        String next = null;
                        do {
                            SearchPage page = master.search(market, q, type, limit, next);
                            page.items().forEach(l -> actual.add(l.symbol()));
                            next = page.next();
                        } while (next != null);
                        assertThat(actual).as("q=%s market=%s type=%s limit=%d", q, market, type, limit)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    private static String ticker(Random random, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = (char) ('A' + random.nextInt(i == 0 ? 6 : 26)); // few first letters: many shared prefixes
        }
        return new String(c);
    }

    private static List<String> bruteForce(Iterable<Row> rows, Market market, String q, AssetType type) {
        String upper = q.strip().toUpperCase(Locale.ROOT);
        List<String> queryWords = words(q);
        List<Row> tickers = new ArrayList<>();
        List<Row> names = new ArrayList<>();
        for (Row r : rows) {
            if ((market != null && r.market != market) || (type != null && r.type != type)) {
                continue;
            }
            if (!upper.contains(" ") && r.symbol.startsWith(upper)) {
                tickers.add(r);
            } else if (!queryWords.isEmpty() && queryWords.stream().allMatch(w -> words(r.name).stream().anyMatch(n -> n.startsWith(w)))) {
                names.add(r);
            }
        }
        tickers.sort(Comparator.comparing(Row::symbol));
        names.sort(Comparator.comparing(Row::symbol));
        return Stream.concat(tickers.stream(), names.stream()).map(Row::symbol).toList();
    }

    /** The folding rules, spelled the slow way. */
    private static List<String> words(String text) {
        String s = text.replace("ß", "ss").replace("'", "");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{Mn}", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(s.split("[^\\p{L}\\p{Nd}]+")).filter(w -> !w.isEmpty()).toList();
    }
}
