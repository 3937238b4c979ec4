package com.tradesense.marketdata.rest.security;

import com.tradesense.marketdata.rest.cache.CacheConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Makes the key ring, the token signer/verifier and the API-key store from {@code mde.auth.*}. */
@ApplicationScoped
public class AuthBeans {
    private static final Logger LOG = Logger.getLogger(AuthBeans.class);

    private final AuthConfig config;
    private final CacheConfig cache;
    private final Vertx vertx;
    private Pool pg;
    private long timer = -1;

    public AuthBeans(AuthConfig config, CacheConfig cache, Vertx vertx) {
        this.config = config;
        this.cache = cache;
        this.vertx = vertx;
    }

    @Produces
    @Singleton
    SigningKeys signingKeys(Clock clock) {
        Optional<String> dir = config.signingKeysDir().map(String::trim).filter(s -> !s.isEmpty());
        SigningKeys keys;
        long every;
        if (dir.isPresent()) {
            keys = SigningKeys.fromFolder(Path.of(dir.get()));
            every = config.keyReloadInterval().toMillis();
            LOG.infof("auth: %d signing key(s) from %s, %s signs", keys.verifying().size(), dir.get(), keys.signing().kid());
        } else {
            keys = SigningKeys.generated(config.accessTokenTtl().plus(config.clockSkew()), clock);
            every = config.keyRotation().toMillis();
            LOG.infof("auth: signing key %s generated at start, rotated every %s (set MDE_AUTH_SIGNING_KEYS_DIR to share keys"
                    + " between processes)", keys.signing().kid(), config.keyRotation());
        }
        if (config.enabled()) {
            timer = vertx.setPeriodic(Math.max(1000, every), id -> vertx.executeBlocking(() -> {
                keys.rotate();
                return null;
            }, false));
        }
        return keys;
    }

    @Produces
    @Singleton
    AccessTokens accessTokens(SigningKeys keys, Clock clock) {
        return new AccessTokens(keys, config.issuer(), config.audience(), config.accessTokenTtl(), config.clockSkew(), clock,
                config.tokenCache().maxEntries());
    }

    @Produces
    @Singleton
    AuthStore store() {
        Optional<String> url = config.pgUrl().or(cache::pgUrl).map(String::trim).filter(s -> !s.isEmpty());
        if (url.isEmpty() || !config.enabled()) {
            return new MemoryAuthStore();
        }
        String u = url.get().startsWith("jdbc:") ? url.get().substring(5) : url.get();
        PgConnectOptions options = PgConnectOptions.fromUri(u).setConnectTimeout((int) Math.max(100, cache.timeout().toMillis()));
        pg = PgBuilder.pool().with(new PoolOptions().setMaxSize(4).setConnectionTimeout((int) Math.max(1, cache.timeout().toSeconds()))
                .setConnectionTimeoutUnit(TimeUnit.SECONDS)).connectingTo(options).using(vertx).build();
        PgAuthStore store = new PgAuthStore(pg, config.pgSchema(), cache.timeout().multipliedBy(10));
        try {
            LOG.infof("auth: API keys in PostgreSQL schema %s (version %d)", config.pgSchema(), store.migrate());
        } catch (RuntimeException e) {
            LOG.warnf("auth: PostgreSQL schema not applied yet (%s): it will be on the first call that reaches the server", e.getMessage());
        }
        return store;
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (pg != null) {
            pg.close();
        }
    }
}
