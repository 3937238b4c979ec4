package com.tradesense.marketdata.domain;

import java.util.List;

/**
 * One story, deduplicated across providers: the same story from several sources is one item listing
 * them all.
 *
 * @param id       stable id of the story (derived from its canonical URL or headline)
 * @param t        publication time, epoch ms UTC
 * @param symbols  canonical symbols the story is about
 * @param sources  providers (and publishers) that carried it
 */
public record NewsItem(String id, long t, String headline, String summary, String url, List<String> symbols,
                       List<String> sources) {
}
