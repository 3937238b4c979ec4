package com.tradesense.marketdata.rest;

/** The kinds of problem this API reports; each has a stable type URI and title. */
public enum ProblemKind {
    INVALID_PARAMETER(400, "invalid-parameter", "Invalid request parameter"),
    BAD_REQUEST(400, "bad-request", "Bad request"),
    UNAUTHORIZED(401, "unauthorized", "Authentication required"),
    FORBIDDEN(403, "forbidden", "Not entitled"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    RATE_LIMITED(429, "rate-limited", "Too many requests"),
    INTERNAL(500, "internal-error", "Internal error"),
    UNAVAILABLE(503, "service-unavailable", "No data source available");

    private final int status;
    private final String type;
    private final String title;

    ProblemKind(int status, String slug, String title) {
        this.status = status;
        this.type = "/problems/" + slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public Problem problem(String detail, String instance, String parameter) {
        return new Problem(type, title, status, detail, instance, parameter);
    }

    /** The kind for a bare HTTP status (from the framework); INTERNAL for anything unexpected. */
    public static ProblemKind forStatus(int status) {
        for (ProblemKind k : values()) {
            if (k.status == status && k != INVALID_PARAMETER) {
                return k;
            }
        }
        return status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL;
    }
}
