package com.tradesense.marketdata.news;

import com.tradesense.marketdata.domain.NewsItem;
import com.tradesense.marketdata.domain.Source;

import java.time.Instant;
import java.util.List;

/**
 * Stories answering a {@link NewsQuery}, newest first.
 *
 * @param symbols the canonical symbols asked for (empty: market-wide news)
 * @param from    the effective lower bound on publication time
 * @param source  provenance; {@code provider} lists every provider that contributed, comma-separated
 */
public record NewsPage(List<String> symbols, Instant from, List<NewsItem> items, Source source) {
}
