package com.tradesense.marketdata.domain;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The query parameters every endpoint shares, parsed one way: a page size and a calendar date. Each
 * refusal is an {@link InvalidParameterException} naming the parameter.
 */
public final class QueryParameters {
    private static final int ISO_DATE_LENGTH = 10;

    private QueryParameters() {
    }

    /** A page size from 1 to {@code max}; {@code fallback} when absent. */
    public static int limit(String raw, String parameter, int max, int fallback) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        int l;
        try {
            l = raw.length() > 9 ? -1 : Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            l = -1;
        }
        if (l < 1 || l > max) {
            throw new InvalidParameterException(parameter, parameter + " must be a whole number from 1 to " + max + ".");
        }
        return l;
    }

    /** A calendar date {@code YYYY-MM-DD}; empty when absent. */
    public static Optional<LocalDate> date(String raw, String parameter) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (raw.length() == ISO_DATE_LENGTH) {
                return Optional.of(LocalDate.parse(raw));
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw new InvalidParameterException(parameter, "'" + ClientInput.echo(raw) + "' is not a date (YYYY-MM-DD).");
    }
}
