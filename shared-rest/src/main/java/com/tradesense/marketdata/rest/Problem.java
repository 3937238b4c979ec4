package com.tradesense.marketdata.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}).
 *
 * @param type      a URI reference naming the problem kind (relative to the API host)
 * @param title     short summary of the kind, the same for every occurrence
 * @param status    the HTTP status code
 * @param detail    what went wrong this time, in words a developer can act on
 * @param instance  the request path
 * @param parameter extension: the request parameter at fault, for validation problems
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String parameter) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
