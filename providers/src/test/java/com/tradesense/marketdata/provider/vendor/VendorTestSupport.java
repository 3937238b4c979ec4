package com.tradesense.marketdata.provider.vendor;

import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.provider.BarRequest;
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.symbols.Listing;
import com.tradesense.marketdata.symbols.SymbolMaster;
import org.assertj.core.api.ThrowableAssert;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class VendorTestSupport {
    static final MarketCalendars CALENDARS = MarketCalendars.standard();
    static final SymbolMaster SYMBOLS = SymbolMaster.standard();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:30Z"), ZoneOffset.UTC);

    private VendorTestSupport() {
    }

    static Listing listing(String symbol) {
        return SYMBOLS.find(symbol).orElseThrow();
    }

    static VendorConfig config(String id, FakeVendor fake, Duration timeout) {
        return new VendorConfig(id, "test-key", URI.create(fake.baseUrl()), 10, timeout);
    }

    static BarRequest request(String symbol, Interval interval, String from, String to) {
        return new BarRequest(listing(symbol), interval, Instant.parse(from), Instant.parse(to), false);
    }

    static ProviderException failure(ThrowableAssert.ThrowingCallable call, ProviderException.Reason reason) {
        ProviderException[] caught = new ProviderException[1];
        assertThatThrownBy(() -> {
            try {
                call.call();
            } catch (ProviderException e) {
                caught[0] = e;
                throw e;
            }
        }).isInstanceOf(ProviderException.class).satisfies(e -> {
            if (((ProviderException) e).reason() != reason) {
                throw new AssertionError("expected " + reason + " but got " + ((ProviderException) e).reason() + ": " + e.getMessage());
            }
        });
        return caught[0];
    }
}
