package com.tradesense.marketdata.rest;

import com.tradesense.marketdata.domain.ClientInput;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.domain.NotFoundException;

/** The {@code {market}} path parameter: a code (NYSE) or MIC (XNYS), case-insensitive; unknown ones are a 404. */
public final class MarketParam {
    private MarketParam() {
    }

    public static Market parse(String raw) {
        return Market.find(raw).orElseThrow(() -> new NotFoundException("market",
                "No market '" + ClientInput.echo(raw) + "'. Markets: NYSE, NASDAQ, AMEX, OTC, CSE, FX (or their MICs)."));
    }
}
