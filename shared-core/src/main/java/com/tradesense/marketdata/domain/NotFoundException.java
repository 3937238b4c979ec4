package com.tradesense.marketdata.domain;

/** The client named something well-formed that does not exist here: a symbol, a market (status 404). */
public final class NotFoundException extends RuntimeException {
    private final String parameter;

    public NotFoundException(String parameter, String detail) {
        super(detail, null, false, false);
        this.parameter = parameter;
    }

    /** Name of the request parameter that named the missing thing. */
    public String parameter() {
        return parameter;
    }
}
