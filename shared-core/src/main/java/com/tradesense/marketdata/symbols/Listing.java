package com.tradesense.marketdata.symbols;

import com.tradesense.marketdata.domain.AssetType;
import com.tradesense.marketdata.domain.Market;

/**
 * One instrument of the symbol master, as the API returns it from {@code GET /markets/{market}/symbols}.
 *
 * @param symbol   canonical identifier, upper case ({@code AAPL}, {@code ATW.CSE}, {@code USD/MAD})
 * @param name     issuer or instrument name as published, accents kept ({@code Crédit du Maroc})
 * @param market   market the instrument is listed on
 * @param mic      ISO 10383 MIC of the venue; {@code null} only for FX, which has no venue
 * @param type     kind of instrument
 * @param currency ISO 4217 code of the quote currency
 * @param isin     ISO 6166 ISIN, or {@code null} when not known (indices, pairs, unresolved sources)
 * @param sector   sector label as published by the source, or {@code null}
 */
public record Listing(String symbol, String name, Market market, String mic, AssetType type, String currency,
                      String isin, String sector) {
}
