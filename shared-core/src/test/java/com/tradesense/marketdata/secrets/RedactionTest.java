package com.tradesense.marketdata.secrets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {
    @Test
    void credentialShapedValuesAreMaskedEvenUnregistered() {
        assertThat(Redaction.redact("GET https://www.alphavantage.co/query?function=X&apikey=ABCDEF123&symbol=IBM"))
                .isEqualTo("GET https://www.alphavantage.co/query?function=X&apikey=***&symbol=IBM");
        assertThat(Redaction.redact("https://api.polygon.io/v2/aggs?adjusted=false&apiKey=pk_live_zzz")).endsWith("apiKey=***");
        assertThat(Redaction.redact("/fred/series/observations?series_id=UNRATE&api_key=abcdef0123456789&file_type=json"))
                .contains("api_key=***&file_type=json");
        assertThat(Redaction.redact("Authorization: apikey td-secret-1")).isEqualTo("Authorization: apikey ***");
        assertThat(Redaction.redact("Authorization: Bearer eyJhbGciOi.x.y")).isEqualTo("Authorization: Bearer ***");
        assertThat(Redaction.redact("postgresql://mde:s3cr3t@db:5432/mde")).isEqualTo("postgresql://mde:***@db:5432/mde");
        assertThat(Redaction.redact("{\"token\":\"abc.def\"}")).isEqualTo("{\"token\":\"***\"}");
        assertThat(Redaction.redact("no secrets in AAPL 1d bars")).isEqualTo("no secrets in AAPL 1d bars");
        assertThat(Redaction.redact(null)).isNull();
    }

    @Test
    void registeredSecretsAreMaskedWhereverTheyAppear() {
        Redaction.register("Zq9-registered-key-77");
        assertThat(Redaction.redact("vendor said: key Zq9-registered-key-77 is not valid")).isEqualTo("vendor said: key *** is not valid");
        assertThat(Redaction.containsSecret("x Zq9-registered-key-77")).isTrue();
        Redaction.register("abc"); // too short to mask everywhere
        assertThat(Redaction.redact("abc")).isEqualTo("abc");
    }
}
