package com.tradesense.marketdata.rest.transport;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code mde.http.*}: browser-facing transport policy. TLS itself is Quarkus's
 * ({@code MDE_TLS_CERT_FILE}/{@code MDE_TLS_KEY_FILE} map onto {@code quarkus.http.ssl.*}, TLS 1.3 only).
 */
@ConfigMapping(prefix = "mde.http")
public interface TransportConfig {
    /** Origins allowed to call the API from a browser ({@code https://app.example.com}, or {@code *}); unset: no CORS headers. */
    Optional<List<String>> corsOrigins();

    /** How long a browser may cache a preflight answer. */
    @WithDefault("10m")
    Duration corsMaxAge();

    /** {@code Strict-Transport-Security} max-age; {@code 0s} leaves the header out. */
    @WithDefault("365d")
    Duration hstsMaxAge();
}
