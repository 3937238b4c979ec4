package com.tradesense.marketdata.cache;

import com.tradesense.marketdata.domain.Interval;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long cached data may be served, per data type, after the seed: real-time quotes seconds, intraday
 * history minutes, daily history an hour while its period can still change, and history of a closed
 * period kept long ({@link Duration#ZERO}: until invalidated, as by a corporate action or by hand),
 * fundamentals a day.
 *
 * @param realtime        quotes and books
 * @param intradayOpen    intraday bars of the month in progress
 * @param dailyOpen       daily and longer bars of the month in progress
 * @param closed          bars of a month that ended (more than {@code settle} ago); ZERO = no expiry
 * @param fundamentals    fundamentals and ratios
 * @param corporateActions a symbol's splits and dividends as answered (a new one found also invalidates)
 * @param economic        economic indicator series
 * @param news            news lists
 * @param settle          how long after a month's end its bars are still treated as changeable
 *                        (late corrections; also covers every market's UTC offset)
 */
public record CacheTtlPolicy(Duration realtime, Duration intradayOpen, Duration dailyOpen, Duration closed,
                             Duration fundamentals, Duration settle, Duration corporateActions, Duration economic,
                             Duration news) {

    public CacheTtlPolicy(Duration realtime, Duration intradayOpen, Duration dailyOpen, Duration closed, Duration fundamentals,
                          Duration settle) {
        this(realtime, intradayOpen, dailyOpen, closed, fundamentals, settle, Duration.ofHours(1), Duration.ofHours(6),
                Duration.ofMinutes(1));
    }

    public static CacheTtlPolicy seed() {
        return new CacheTtlPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(1),
                Duration.ofDays(30), Duration.ofHours(24), Duration.ofDays(2));
    }

    /** Whether the chunk's month ended long enough before {@code now} that its bars can no longer change. */
    public boolean isClosed(ChunkKey key, Instant now) {
        return now.toEpochMilli() >= key.toMs() + settle.toMillis();
    }

    /** The TTL of a chunk fetched at {@code now}. */
    public Duration ttl(ChunkKey key, Instant now) {
        if (isClosed(key, now)) {
            return closed;
        }
        return key.interval().isIntraday() ? intradayOpen : dailyOpen;
    }

    /** Whether a chunk fetched while its month was open, {@code fetchedAtMs}, is still fresh at {@code now}. */
    public boolean fresh(BarChunk chunk, Instant now) {
        if (chunk.complete()) {
            return true;
        }
        Duration ttl = chunk.key().interval().isIntraday() ? intradayOpen : dailyOpen;
        return now.toEpochMilli() - chunk.asOfMs() < ttl.toMillis();
    }

    /** For {@code /cache/statistics}: data type to TTL in ISO-8601 ({@code PT0S} = until invalidated). */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("quotes", realtime.toString());
        m.put("ohlcv_intraday_open_month", intradayOpen.toString());
        m.put("ohlcv_daily_open_month", dailyOpen.toString());
        m.put("ohlcv_closed_month", closed.toString());
        m.put("fundamentals", fundamentals.toString());
        m.put("corporate_actions", corporateActions.toString());
        m.put("economic", economic.toString());
        m.put("news", news.toString());
        m.put("month_settles_after", settle.toString());
        return m;
    }

    static boolean intraday(Interval i) {
        return i.isIntraday();
    }
}
