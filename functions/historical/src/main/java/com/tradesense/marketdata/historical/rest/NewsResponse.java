package com.tradesense.marketdata.historical.rest;

import com.tradesense.marketdata.domain.NewsItem;
import com.tradesense.marketdata.news.NewsPage;
import com.tradesense.marketdata.rest.SourceJson;

import java.util.List;

/** Stories newest first, each once however many providers carried it. */
public record NewsResponse(List<String> symbols, String from, List<ItemJson> items, SourceJson source) {

    /** One story: {@code t} its publication time in epoch ms UTC, {@code sources} every provider that carried it. */
    public record ItemJson(String id, long t, String headline, String summary, String url, List<String> symbols,
                           List<String> sources) {
        static ItemJson of(NewsItem n) {
            return new ItemJson(n.id(), n.t(), n.headline(), n.summary(), n.url(), n.symbols(), n.sources());
        }
    }

    static NewsResponse of(NewsPage p) {
        return new NewsResponse(p.symbols(), p.from().toString(), p.items().stream().map(ItemJson::of).toList(),
                SourceJson.of(p.source()));
    }
}
