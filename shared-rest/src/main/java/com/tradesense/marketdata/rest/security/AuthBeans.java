package com.tradesense.marketdata.rest.security;

import com.tradesense.marketdata.rest.cache.CacheConfig;
import com.tradesense.marketdata.rest.store.PgPools;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** Makes the key ring, the token signer/verifier and the API-key store from {@code mde.auth.*}. */
@ApplicationScoped
public class AuthBeans {
    private static final Logger LOG = Logger.getLogger(AuthBeans.class);

    private final AuthConfig config;
    private final CacheConfig cache;
    private final Vertx vertx;
    private final PgPools pgPools;
    private long timer = -1;

    public AuthBeans(AuthConfig config, CacheConfig cache, Vertx vertx, PgPools pgPools) {
        this.config = config;
        this.cache = cache;
        this.vertx = vertx;
        this.pgPools = pgPools;
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
        Pool pg = pgPools.auth().orElse(null);
        if (pg == null || !config.enabled()) {
            return new MemoryAuthStore();
        }
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
    }
}
