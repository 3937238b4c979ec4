package com.tradesense.marketdata.history;

import com.tradesense.marketdata.domain.Adjustment;
import com.tradesense.marketdata.domain.ClientInput;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.InvalidParameterException;
import com.tradesense.marketdata.domain.QueryParameters;
import com.tradesense.marketdata.domain.Symbol;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A validated OHLCV request, parsed from the query parameters of
 * {@code GET /market-data/ohlcv/{symbol}}. Dates are resolved later, against the listing's market
 * time zone, because {@code 2025-03-03} means a different instant in New York and in Casablanca.
 *
 * @param from  inclusive start, or empty for the default (the last 30 sessions)
 * @param to    exclusive end, or empty for now
 * @param limit most bars in one page, 1..{@link #MAX_LIMIT}
 */
public record OhlcvQuery(Symbol symbol, Interval interval, Adjustment adjustment, Optional<TimePoint> from,
                         Optional<TimePoint> to, int limit, Optional<String> cursor, boolean extendedHours) {

    public static final int MAX_LIMIT = 10_000;
    public static final int DEFAULT_LIMIT = MAX_LIMIT;
    private static final int MAX_TIME_LENGTH = 40;

    /** A point in time as the client wrote it: a calendar date (midnight in the market's zone) or an instant. */
    public sealed interface TimePoint permits DatePoint, InstantPoint {
    }

    public record DatePoint(LocalDate date) implements TimePoint {
    }

    public record InstantPoint(Instant instant) implements TimePoint {
    }

    /** Parses raw query parameters; every problem names its parameter. Null means absent. */
    public static OhlcvQuery parse(String symbol, String interval, String adjustment, String from, String to,
                                   String limit, String next) {
        return parse(symbol, interval, adjustment, from, to, limit, next, null);
    }

    /** @param session {@code regular} (default) or {@code extended} (US pre- and post-market bars too) */
    public static OhlcvQuery parse(String symbol, String interval, String adjustment, String from, String to,
                                   String limit, String next, String session) {
        boolean extended = false;
        if (session != null && !session.isEmpty()) {
            if (session.equals("extended")) {
                extended = true;
            } else if (!session.equals("regular")) {
                throw new InvalidParameterException("session", "'" + ClientInput.echo(session) + "' is not a session. Use regular or extended.");
            }
        }
        Symbol s = Symbol.parse(symbol, "symbol");
        Interval i = interval == null || interval.isEmpty() ? Interval.D1 : Interval.fromWire(interval)
                .orElseThrow(() -> new InvalidParameterException("interval",
                        "'" + ClientInput.echo(interval) + "' is not an interval. Use one of 1m, 5m, 15m, 30m, 1h, 1d, 1w, 1mo."));
        Adjustment a = adjustment == null || adjustment.isEmpty() ? Adjustment.SPLIT : Adjustment.fromWire(adjustment)
                .orElseThrow(() -> new InvalidParameterException("adjustment",
                        "'" + ClientInput.echo(adjustment) + "' is not an adjustment. Use raw, split or all."));
        Optional<TimePoint> f = parseTime(from, "from");
        Optional<TimePoint> t = parseTime(to, "to");
        int l = parseLimit(limit);
        if (next != null && (next.isEmpty() || next.length() > 512)) {
            throw new InvalidParameterException("next", "The cursor is not one this API issued.");
        }
        return new OhlcvQuery(s, i, a, f, t, l, Optional.ofNullable(next), extended);
    }

    public static Optional<TimePoint> parseTime(String raw, String parameter) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        if (raw.length() > MAX_TIME_LENGTH) {
            throw new InvalidParameterException(parameter, "'" + ClientInput.echo(raw) + "' is too long for a date or instant.");
        }
        try {
            if (raw.length() == 10) {
                return Optional.of(new DatePoint(LocalDate.parse(raw)));
            }
            return Optional.of(new InstantPoint(OffsetDateTime.parse(raw).toInstant()));
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(parameter, "'" + ClientInput.echo(raw)
                    + "' is neither a date (2025-03-14) nor an instant with offset (2025-03-14T14:30:00Z).");
        }
    }

    static int parseLimit(String raw) {
        return QueryParameters.limit(raw, "limit", MAX_LIMIT, DEFAULT_LIMIT);
    }

}
