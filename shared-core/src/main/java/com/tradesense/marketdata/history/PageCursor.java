package com.tradesense.marketdata.history;

import com.tradesense.marketdata.domain.Adjustment;
import com.tradesense.marketdata.domain.Interval;
import com.tradesense.marketdata.domain.InvalidParameterException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code next} cursor of a bar page: the rest of the original query, so a client only
 * follows it. Encoded as base64url of {@code v1|symbol|interval|adjustment|session|fromMs|toMs}; it holds
 * nothing secret, so tampering can only ask for other public data, but anything malformed is refused.
 */
record PageCursor(String symbol, Interval interval, Adjustment adjustment, boolean extendedHours, long fromMs, long toMs) {
    private static final String VERSION = "v1";

    String encode() {
        String raw = String.join("|", VERSION, symbol, interval.wireName(), adjustment.wireName(),
                extendedHours ? "extended" : "regular", Long.toString(fromMs), Long.toString(toMs));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static PageCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] f = raw.split("\\|", -1);
            if (f.length != 7 || !VERSION.equals(f[0]) || !(f[4].equals("regular") || f[4].equals("extended"))) {
                throw invalid();
            }
            Interval interval = Interval.fromWire(f[2]).orElseThrow(PageCursor::invalid);
            Adjustment adjustment = Adjustment.fromWire(f[3]).orElseThrow(PageCursor::invalid);
            long from = Long.parseLong(f[5]);
            long to = Long.parseLong(f[6]);
            if (from >= to) {
                throw invalid();
            }
            return new PageCursor(f[1], interval, adjustment, f[4].equals("extended"), from, to);
        } catch (IllegalArgumentException e) { // bad base64, bad number
            throw invalid();
        }
    }

    private static InvalidParameterException invalid() {
        return new InvalidParameterException("next", "The cursor is not one this API issued; start again without 'next'.");
    }
}
