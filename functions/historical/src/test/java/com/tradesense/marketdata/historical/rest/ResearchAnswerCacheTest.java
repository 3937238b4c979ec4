package com.tradesense.marketdata.historical.rest;

import com.tradesense.marketdata.rest.SourceJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResearchAnswerCacheTest {
    @Test
    void theKeptCopySaysLocalAndAStaleAnswerIsNotKept() {
        NewsResponse fresh = new NewsResponse(List.of("AAPL"), "2026-01-01T00:00:00Z", List.of(),
                new SourceJson("simulator", "none", false, "2026-01-01T00:00:00Z"));
        NewsResponse kept = ResearchAnswerCache.servedLocally(fresh);
        assertThat(kept.source()).isEqualTo(new SourceJson("simulator", "local", false, "2026-01-01T00:00:00Z"));
        assertThat(kept.symbols()).isEqualTo(fresh.symbols());
        assertThat(ResearchAnswerCache.servedLocally(new NewsResponse(List.of(), "x", List.of(),
                new SourceJson("simulator", "none", true, "2026-01-01T00:00:00Z")))).isNull();
    }
}
