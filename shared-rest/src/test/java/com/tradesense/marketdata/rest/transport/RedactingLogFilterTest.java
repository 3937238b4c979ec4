package com.tradesense.marketdata.rest.transport;

import com.tradesense.marketdata.secrets.Redaction;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;

import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/** What the console handler writes after the filter: no key in the message, its parameters or the exception chain. */
class RedactingLogFilterTest {
    static final String KEY = "LOGCANARY-5e6f7a8b9c";

    String written(ExtLogRecord r) {
        assertThat(new RedactingLogFilter().isLoggable(r)).isTrue();
        return new PatternFormatter("%p %c %s%e%n").format(r);
    }

    @Test
    void keysInMessagesParametersAndExceptionsAreMasked() {
        Redaction.register(KEY);
        ExtLogRecord r = new ExtLogRecord(Level.WARNING, "calling %s failed: %s", ExtLogRecord.FormatStyle.PRINTF, "test");
        r.setParameters(new Object[]{"https://www.alphavantage.co/query?function=X&apikey=" + KEY, "HTTP 500"});
        r.setThrown(new IllegalStateException("wrapper", new java.io.IOException("GET /v2/aggs?apiKey=" + KEY + " refused")));
        String out = written(r);
        assertThat(out).doesNotContain(KEY).contains("apikey=***", "HTTP 500", "IllegalStateException", "refused", "\tat ");

        ExtLogRecord plain = new ExtLogRecord(Level.INFO, "postgresql://mde:hunter22@db/mde unreachable", "test");
        assertThat(written(plain)).contains("postgresql://mde:***@db/mde").doesNotContain("hunter22");

        // a client's own API key on a data call (never registered: the engine does not know it as a secret)
        String clientKey = "mde_Q3cl13ntK3yN3v3rR3g1st3r3dAnywh3r3xxxxxxxxx";
        ExtLogRecord dataCall = new ExtLogRecord(Level.INFO, "GET /api/v1/market-data/ohlcv/AAPL?interval=1d&apiKey=" + clientKey
                + "&from=2025-01-02 answered 401; X-API-Key: " + clientKey + ", Authorization: Bearer " + clientKey, "test");
        assertThat(written(dataCall)).doesNotContain(clientKey).contains("apiKey=***", "&from=2025-01-02", "X-API-Key: ***");

        ExtLogRecord harmless = new ExtLogRecord(Level.INFO, "served %d bars of %s", ExtLogRecord.FormatStyle.PRINTF, "test");
        harmless.setParameters(new Object[]{42, "AAPL"});
        assertThat(written(harmless)).contains("served 42 bars of AAPL");
    }
}
