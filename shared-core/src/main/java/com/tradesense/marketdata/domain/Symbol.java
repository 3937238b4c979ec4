package com.tradesense.marketdata.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A canonical instrument identifier, as clients see it (API.md "Identifiers"): upper case, and one of
 * <ul>
 *   <li>a US ticker, class shares with a dot: {@code AAPL}, {@code BRK.B}, {@code SPY};</li>
 *   <li>a Casablanca equity or index code followed by {@code .CSE}: {@code ATW.CSE}, {@code MASI.CSE};</li>
 *   <li>a currency pair {@code BASE/QUOTE} of ISO 4217 codes: {@code USD/MAD}.</li>
 * </ul>
 * Which market a US ticker trades on, and whether it exists at all, is the symbol master's business;
 * this type only guarantees the shape. Provider spellings ({@code BRK-B}, {@code ATW:CAS}) are not
 * accepted here: translating them is each adapter's job.
 */
public record Symbol(String value, Kind kind) {

    /** The three identifier families of the contract. */
    public enum Kind { US, CSE, CURRENCY_PAIR }

    /** Longest input we even look at; anything longer is hostile or a mistake. */
    public static final int MAX_LENGTH = 24;

    private static final String CSE_SUFFIX = ".CSE";
    // NYSE/Nasdaq tickers are 1-5 letters (OTC up to 5, a few with digits), with an optional class
    // or instrument suffix after a dot: BRK.B, BF.B, HEI.A, GTX.WS
    // (never three letters, so a provider spelling like ATW.CAS is refused, not mistaken for a US share).
    private static final Pattern US = Pattern.compile("[A-Z][A-Z0-9]{0,5}(\\.[A-Z]{1,2})?");
    // Casablanca tickers are 2-6 letters (ATW, IAM, MUT); index codes up to 10 (MASI, MSI20, MASIESG).
    private static final Pattern CSE = Pattern.compile("[A-Z][A-Z0-9]{0,9}\\.CSE");
    private static final Pattern PAIR = Pattern.compile("[A-Z]{3}/[A-Z]{3}");

    public Symbol {
        if (value == null || kind == null) {
            throw new IllegalArgumentException("symbol and kind are required");
        }
    }

    /**
     * Parses client input, case-insensitively.
     *
     * @param parameter name of the request parameter, for the error
     * @throws InvalidParameterException if the input is not one of the canonical shapes
     */
    public static Symbol parse(String input, String parameter) {
        if (input == null || input.isEmpty()) {
            throw new InvalidParameterException(parameter, "A symbol is required.");
        }
        if (input.length() > MAX_LENGTH) {
            throw new InvalidParameterException(parameter,
                    "'" + ClientInput.echo(input) + "' is too long for a symbol (at most " + MAX_LENGTH + " characters).");
        }
        String s = input.toUpperCase(Locale.ROOT);
        if (PAIR.matcher(s).matches()) {
            if (s.regionMatches(0, s, 4, 3)) {
                throw new InvalidParameterException(parameter, "'" + ClientInput.echo(input) + "' pairs a currency with itself.");
            }
            return new Symbol(s, Kind.CURRENCY_PAIR);
        }
        if (s.endsWith(CSE_SUFFIX)) {
            if (CSE.matcher(s).matches()) {
                return new Symbol(s, Kind.CSE);
            }
        } else if (US.matcher(s).matches()) {
            return new Symbol(s, Kind.US);
        }
        throw new InvalidParameterException(parameter, "'" + ClientInput.echo(input)
                + "' is not a symbol. Use a US ticker (AAPL, BRK.B), a Casablanca code with .CSE (ATW.CSE, MASI.CSE)"
                + " or a currency pair (USD/MAD).");
    }

    /** Same as {@link #parse(String, String)} for the usual parameter name {@code symbol}. */
    public static Symbol parse(String input) {
        return parse(input, "symbol");
    }

    /** The exchange code without the {@code .CSE} suffix, or the value itself for other kinds. */
    public String localCode() {
        return kind == Kind.CSE ? value.substring(0, value.length() - CSE_SUFFIX.length()) : value;
    }

    @Override
    public String toString() {
        return value;
    }
}
