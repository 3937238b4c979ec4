package com.tradesense.marketdata.cache;

import com.tradesense.marketdata.domain.Interval;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One cached piece of bar history: the raw (unadjusted, cleaned) bars of a symbol at one interval whose
 * open time falls in one calendar month, UTC. Provider-independent: whichever provider filled it, any
 * request for the symbol reads it. A year of daily bars is twelve keys, never one giant value. Months
 * are UTC so that a key means the same time range in every market and every store (daily bars of the
 * US and Casablanca open on their local date in UTC too).
 *
 * @param symbol   canonical symbol ({@code AAPL}, {@code IAM.MA})
 * @param interval the interval the bars are stored at (the provider's source interval, before resampling)
 * @param month    the UTC month the bars open in
 */
public record ChunkKey(String symbol, Interval interval, YearMonth month) {
    public ChunkKey {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(month, "month");
    }

    /** First instant of the month, epoch ms. */
    public long fromMs() {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** First instant of the next month, epoch ms (exclusive end). */
    public long toMs() {
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** A stable text form, {@code AAPL|1d|2024-03}, usable as a store key. */
    public String id() {
        return symbol + "|" + interval.wireName() + "|" + month;
    }

    public static YearMonth monthOf(long epochMs) {
        return YearMonth.from(Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.UTC));
    }

    /** The keys of the months that [fromMs, toMs) touches, oldest first. */
    public static List<ChunkKey> covering(String symbol, Interval interval, long fromMs, long toMs) {
        List<ChunkKey> keys = new ArrayList<>();
        if (fromMs >= toMs) {
            return keys;
        }
        YearMonth last = monthOf(toMs - 1);
        for (YearMonth m = monthOf(fromMs); !m.isAfter(last); m = m.plusMonths(1)) {
            keys.add(new ChunkKey(symbol, interval, m));
        }
        return keys;
    }
}
