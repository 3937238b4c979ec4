package com.tradesense.marketdata.rest.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.redis.client.RedisClientType;

import java.util.Optional;

/**
 * {@code mde.redis.*}: what the deployment's Redis needs, set once for the three clients ({@link RedisClients});
 * shared-rest's defaults hand each value to {@code quarkus.redis.cache|ratelimit|stream.*}. Declared here so that a
 * bad value fails start-up naming this setting, and so that the configuration catalogue knows it.
 */
@ConfigMapping(prefix = "mde.redis")
public interface RedisSettings {
    /** {@code standalone}, or {@code cluster} (e.g. ElastiCache in cluster mode: give its configuration endpoint). */
    @WithDefault("standalone")
    RedisClientType clientType();

    /** The password (AUTH token), if the URLs do not carry one; with an ACL user in the URL, that user's password. */
    Optional<String> password();

    Tls tls();

    interface Tls {
        /** PEM file of the CA that signed the server certificate ({@code rediss://} URLs); unset: the JVM's trusted CAs. */
        Optional<String> caFile();

        /** {@code HTTPS}: the certificate must name the host connected to; {@code NONE} turns the check off. */
        @WithDefault("HTTPS")
        String hostnameVerification();
    }
}
