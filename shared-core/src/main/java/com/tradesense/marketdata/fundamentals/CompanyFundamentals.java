package com.tradesense.marketdata.fundamentals;

import com.tradesense.marketdata.domain.Fundamentals;
import com.tradesense.marketdata.symbols.Listing;

import java.time.Instant;

/**
 * Fundamentals of one equity as the engine serves them.
 *
 * @param ratiosDerived true when the engine computed the ratios from the statements and a price
 *                      because the provider gave statements only
 * @param price         the share price the derived valuation ratios use, or null when the provider
 *                      supplied the ratios (or no price was available)
 * @param priceTime     open time of the daily bar whose close is {@code price}, or null
 */
public record CompanyFundamentals(Listing listing, Fundamentals fundamentals, boolean ratiosDerived, Double price,
                                  Instant priceTime) {
}
