package com.tradesense.marketdata.rest.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.pgclient.SslMode;

import java.util.Optional;

/**
 * {@code mde.pg.*}: what the deployment's PostgreSQL needs, set once for the three datasources ({@link PgPools});
 * shared-rest's defaults hand each value to {@code quarkus.datasource.cache|auth|audit.*}. Declared here so that a
 * bad value fails start-up naming this setting, and so that the configuration catalogue knows it.
 */
@ConfigMapping(prefix = "mde.pg")
public interface PgSettings {
    /** Login, if the URLs do not carry one (keep the password out of URLs: a secret of its own). */
    Optional<String> username();

    Optional<String> password();

    /**
     * {@code disable}, {@code allow}, {@code prefer}, {@code require}, {@code verify-ca}, {@code verify-full}
     * (RDS with {@code rds.force_ssl}: {@code verify-full} with the RDS CA bundle); unset: the URL's {@code sslmode},
     * else {@code disable}.
     */
    Optional<SslMode> sslMode();

    Tls tls();

    interface Tls {
        /** PEM file of the CA(s) that sign the server certificate; unset: the JVM's trusted CAs. */
        Optional<String> caFile();

        /** {@code HTTPS}: under {@code verify-full} the certificate must name the host; {@code NONE} turns it off. */
        @WithDefault("HTTPS")
        String hostnameVerification();
    }
}
