package com.tradesense.marketdata.news;

import com.tradesense.marketdata.domain.ClientInput;
import com.tradesense.marketdata.domain.InvalidParameterException;
import com.tradesense.marketdata.domain.QueryParameters;
import com.tradesense.marketdata.domain.Symbol;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A validated request for {@code GET /news?symbols=&from=&limit=}.
 *
 * @param symbols canonical symbols, distinct, in the order given; empty for market-wide news
 * @param from    oldest publication time wanted, inclusive; empty for the default (30 days back)
 * @param limit   most stories in the answer, 1..{@link #MAX_LIMIT}
 */
public record NewsQuery(List<Symbol> symbols, Optional<Instant> from, int limit) {
    public static final int MAX_SYMBOLS = 50;
    public static final int MAX_LIMIT = 1_000;
    public static final int DEFAULT_LIMIT = 50;
    private static final int MAX_TIME_LENGTH = 40;
    /** Longest {@code symbols} value that can be valid: 50 symbols of at most 24 characters and their commas. */
    private static final int MAX_SYMBOLS_LENGTH = MAX_SYMBOLS * (Symbol.MAX_LENGTH + 1);

    public NewsQuery {
        symbols = List.copyOf(symbols);
    }

    /** Parses raw query parameters; every problem names its parameter. Null means absent. */
    public static NewsQuery parse(String symbols, String from, String limit) {
        return new NewsQuery(parseSymbols(symbols), parseFrom(from), parseLimit(limit));
    }

    static List<Symbol> parseSymbols(String raw) {
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        if (raw.length() > MAX_SYMBOLS_LENGTH) {
            throw new InvalidParameterException("symbols", "At most " + MAX_SYMBOLS + " symbols, comma-separated.");
        }
        String[] parts = raw.split(",", -1);
        if (parts.length > MAX_SYMBOLS) {
            throw new InvalidParameterException("symbols", "At most " + MAX_SYMBOLS + " symbols per request, not " + parts.length + ".");
        }
        Set<Symbol> out = new LinkedHashSet<>();
        for (String p : parts) {
            String s = p.strip();
            if (s.isEmpty()) {
                throw new InvalidParameterException("symbols", "'" + ClientInput.echo(raw)
                        + "' has an empty entry: separate symbols with single commas (AAPL,MSFT).");
            }
            out.add(Symbol.parse(s, "symbols"));
        }
        return new ArrayList<>(out);
    }

    static Optional<Instant> parseFrom(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        if (raw.length() > MAX_TIME_LENGTH) {
            throw new InvalidParameterException("from", "'" + ClientInput.echo(raw) + "' is too long for a date or instant.");
        }
        try {
            if (raw.length() == 10) { // a date: midnight UTC, as news spans markets and time zones
                return Optional.of(LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(OffsetDateTime.parse(raw).toInstant());
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException("from", "'" + ClientInput.echo(raw)
                    + "' is neither a date (2025-03-14) nor an instant with offset (2025-03-14T14:30:00Z).");
        }
    }

    static int parseLimit(String raw) {
        return QueryParameters.limit(raw, "limit", MAX_LIMIT, DEFAULT_LIMIT);
    }
}
