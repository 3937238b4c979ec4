package com.tradesense.marketdata.domain;

/**
 * A client sent a value the engine cannot use. Carries the name of the offending request parameter
 * so the HTTP edge can answer with an RFC 9457 problem that names it (status 400).
 */
public final class InvalidParameterException extends RuntimeException {
    private final String parameter;

    public InvalidParameterException(String parameter, String detail) {
        super(detail, null, false, false); // an expected outcome: no stack trace to fill or leak
        this.parameter = parameter;
    }

    /** Name of the request parameter (query or path) that was rejected. */
    public String parameter() {
        return parameter;
    }
}
