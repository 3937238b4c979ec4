package com.tradesense.marketdata.news;

import com.tradesense.marketdata.domain.NewsItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NewsDeduplicatorTest {
    static final long T0 = Instant.parse("2025-11-20T14:00:00Z").toEpochMilli();
    static final long HOUR = Duration.ofHours(1).toMillis();

    static NewsItem item(long t, String headline, String url, List<String> symbols, String source) {
        return new NewsItem("provider-id-" + source, t, headline, "summary from " + source, url, symbols, List.of(source));
    }

    @ParameterizedTest
    @CsvSource({
            "https://www.example.com/markets/story-1, example.com/markets/story-1",
            "http://example.com/markets/story-1/, example.com/markets/story-1",
            "https://EXAMPLE.com/markets/story-1#comments, example.com/markets/story-1",
            "https://m.example.com/markets/story-1?utm_source=x&utm_medium=y, example.com/markets/story-1",
            "https://amp.example.com/markets/story-1/amp, example.com/markets/story-1",
            "https://example.com/a?id=7&fbclid=abc&b=2, example.com/a?b=2&id=7",
            "https://example.com:443/a, example.com/a",
    })
    void canonicalUrlsIgnoreWhatDoesNotIdentifyThePage(String raw, String canonical) {
        assertThat(NewsDeduplicator.canonicalUrl(raw)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource({"ftp://example.com/a", "javascript:alert(1)", "/relative/path", "not a url at all", "''"})
    void nonHttpUrlsHaveNoCanonicalForm(String raw) {
        assertThat(NewsDeduplicator.canonicalUrl(raw)).isNull();
    }

    @Test
    void headlinesNormalizeCaseAccentsAndPunctuation() {
        assertThat(NewsDeduplicator.headlineKey("Crédit du Maroc: résultats   en hausse!"))
                .isEqualTo(NewsDeduplicator.headlineKey("CREDIT DU MAROC -- Resultats en hausse"));
        assertThat(NewsDeduplicator.headlineKey("Update")).isNull(); // too short to identify a story
    }

    @Test
    void sameCanonicalUrlIsOneStoryWithAllSources() {
        List<NewsItem> merged = NewsDeduplicator.merge(List.of(
                List.of(item(T0, "Apple beats estimates", "https://www.example.com/apple-beats?utm_source=feed", List.of("AAPL"), "polygon")),
                List.of(item(T0 - 2 * HOUR, "Apple Inc. tops Wall Street estimates", "http://example.com/apple-beats/", List.of("AAPL", "MSFT"), "finnhub"))));
        assertThat(merged).hasSize(1);
        NewsItem n = merged.get(0);
        assertThat(n.sources()).containsExactly("polygon", "finnhub");
        assertThat(n.symbols()).containsExactly("AAPL", "MSFT");
        assertThat(n.headline()).isEqualTo("Apple beats estimates"); // the first (highest priority) provider's
        assertThat(n.t()).isEqualTo(T0 - 2 * HOUR);                  // the earliest publication
        assertThat(n.id()).isEqualTo(NewsDeduplicator.id("example.com/apple-beats"));
    }

    @Test
    void sameHeadlineWithinTheWindowAboutTheSameSymbolIsOneStory() {
        List<NewsItem> merged = NewsDeduplicator.merge(List.of(
                List.of(item(T0, "Apple shares rise after results beat estimates", "https://a.example/1", List.of("AAPL"), "polygon")),
                List.of(item(T0 + 5 * HOUR, "APPLE shares rise after results beat estimates!", "https://b.example/2", List.of("AAPL"), "finnhub"))));
        assertThat(merged).hasSize(1);
        assertThat(merged.get(0).sources()).containsExactly("polygon", "finnhub");
        assertThat(merged.get(0).url()).isEqualTo("https://a.example/1");
    }

    @Test
    void sameHeadlineOutsideTheWindowIsANewStory() {
        List<NewsItem> merged = NewsDeduplicator.merge(List.of(
                List.of(item(T0, "Stocks making the biggest moves midday", "https://a.example/1", List.of(), "polygon")),
                List.of(item(T0 + 24 * HOUR, "Stocks making the biggest moves midday", "https://a.example/2", List.of(), "finnhub"))));
        assertThat(merged).hasSize(2);
    }

    @Test
    void sameHeadlineAboutDifferentSymbolsStaysTwoStories() {
        List<NewsItem> merged = NewsDeduplicator.merge(List.of(List.of(
                item(T0, "Board declares quarterly dividend", "https://a.example/1", List.of("KO"), "polygon"),
                item(T0, "Board declares quarterly dividend", "https://a.example/2", List.of("PEP"), "polygon"))));
        assertThat(merged).hasSize(2);
    }

    @Test
    void samenessIsTransitive() {
        // A~B by URL, B~C by headline: one story
        NewsItem a = item(T0, "Fed holds rates steady as inflation cools", "https://x.example/fed", List.of(), "polygon");
        NewsItem b = item(T0 + HOUR, "Federal Reserve keeps rates on hold", "https://www.x.example/fed/", List.of(), "finnhub");
        NewsItem c = item(T0 + 2 * HOUR, "Federal Reserve keeps rates on hold", "https://y.example/other", List.of(), "alpha");
        assertThat(NewsDeduplicator.merge(List.of(List.of(a), List.of(b), List.of(c)))).hasSize(1);
        // and in the other order, where the link appears last and joins two groups
        assertThat(NewsDeduplicator.merge(List.of(List.of(c), List.of(a), List.of(b))))
                .singleElement().satisfies(n -> assertThat(n.sources()).containsExactlyInAnyOrder("polygon", "finnhub", "alpha"));
    }

    @Test
    void resultIsNewestFirstAndStableIds() {
        List<NewsItem> feed = List.of(
                item(T0 - HOUR, "Older story about Microsoft cloud growth", "https://a.example/older", List.of("MSFT"), "p"),
                item(T0, "Newer story about Nvidia data center sales", "https://a.example/newer", List.of("NVDA"), "p"),
                item(T0, "Same-time story about Amazon logistics", "https://a.example/same", List.of("AMZN"), "p"));
        List<NewsItem> merged = NewsDeduplicator.merge(List.of(feed));
        assertThat(merged).extracting(NewsItem::t).containsExactly(T0, T0, T0 - HOUR);
        assertThat(merged.get(0).id()).isLessThan(merged.get(1).id());
        assertThat(NewsDeduplicator.merge(List.of(feed))).isEqualTo(merged);
    }

    @Test
    void itemsWithoutUsableUrlStillMergeByHeadlineAndKeepNoUrl() {
        List<NewsItem> merged = NewsDeduplicator.merge(List.of(
                List.of(item(T0, "Maroc Telecom annonce un dividende", "javascript:alert(1)", List.of("IAM.CSE"), "a")),
                List.of(item(T0 + HOUR, "Maroc Télécom annonce un dividende", null, List.of("IAM.CSE"), "b"))));
        assertThat(merged).singleElement().satisfies(n -> {
            assertThat(n.url()).isNull();
            assertThat(n.sources()).containsExactly("a", "b");
        });
    }
}
