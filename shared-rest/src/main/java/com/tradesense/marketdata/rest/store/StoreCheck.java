package com.tradesense.marketdata.rest.store;

import com.tradesense.marketdata.cache.LayeredBarCache;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * At start, asks every configured Redis client and PostgreSQL datasource once, and refuses to start when one is
 * misconfigured: a login refused, a TLS handshake that fails (untrusted certificate, wrong host name, TLS where the
 * server has none), a host name that does not resolve, a database that does not exist; Infinispan too. The error names the settings
 * to fix. A store that is merely down (connection refused, no answer in time) is not a configuration error: the
 * process starts with that layer degraded, says so in readiness, and uses it once it answers.
 */
@ApplicationScoped
public class StoreCheck {
    private static final Logger LOG = Logger.getLogger(StoreCheck.class);
    /** How long start-up waits for each store. */
    static final Duration WAIT = Duration.ofSeconds(5);

    private final RedisClients redis;
    private final PgPools pg;

    public StoreCheck(RedisClients redis, PgPools pg) {
        this.redis = redis;
        this.pg = pg;
    }

    /** What a store's answer says about its configuration. */
    enum Verdict { OK, DOWN, MISCONFIGURED }

    record Finding(String store, Verdict verdict, String detail) {
    }

    /** A question put to one store: its name in errors, the answer to wait for, what kind of store. */
    public record Probe(String store, Future<?> answer, Kind kind) {
    }

    /**
     * A store whose client lives outside this package and that start-up asks too (the cache layer's Infinispan
     * client): the store package depends on nobody who uses it.
     */
    public interface OtherStore {
        /** The probe to put, or empty when the store is not configured. */
        Optional<Probe> probe();
    }

    /** A probe of a Hot Rod (Infinispan) server: {@code ping} runs off the event loop. */
    public static Probe infinispan(String store, Runnable ping) {
        return new Probe(store, Future.fromCompletionStage(java.util.concurrent.CompletableFuture.runAsync(ping)), Kind.INFINISPAN);
    }

    /** After the deployment check, before the stores' users start (priority 2). */
    void check(@Observes @Priority(2) StartupEvent event, LayeredBarCache cache, Instance<OtherStore> others) {
        // all asked at once, so that stores that do not answer cost one wait, not one each
        List<Probe> probes = new ArrayList<>();
        redis.cache().ifPresent(r -> probes.add(redis("Redis client 'cache' (mde.cache.redis-url)", r)));
        redis.rateLimits().ifPresent(r -> probes.add(redis("Redis client 'ratelimit' (mde.ratelimit.redis-url)", r)));
        redis.stream().ifPresent(r -> probes.add(redis("Redis client 'stream' (mde.stream.redis-url)", r)));
        pg.cache().ifPresent(p -> probes.add(postgres("PostgreSQL datasource 'cache' (mde.cache.pg-url)", p)));
        pg.auth().ifPresent(p -> probes.add(postgres("PostgreSQL datasource 'auth' (mde.auth.pg-url, else mde.cache.pg-url)", p)));
        pg.audit().ifPresent(p -> probes.add(postgres("PostgreSQL datasource 'audit' (mde.audit.pg-url, else mde.cache.pg-url)", p)));
        for (OtherStore other : others) {
            other.probe().ifPresent(probes::add);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> wrong = new ArrayList<>();
        for (Probe p : probes) {
            Finding f = judge(p, deadline);
            switch (f.verdict()) {
                case OK -> LOG.debugf("stores: %s answers", f.store());
                case DOWN -> LOG.warnf("stores: %s does not answer at start (%s): its layer starts degraded and is retried",
                        f.store(), f.detail());
                case MISCONFIGURED -> wrong.add(f.store() + ": " + f.detail());
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("stores misconfigured:\n  - " + String.join("\n  - ", wrong));
        }
    }

    static Probe redis(String store, Redis client) {
        return new Probe(store, client.send(Request.cmd(Command.PING)), Kind.REDIS);
    }

    static Probe postgres(String store, Pool pool) {
        return new Probe(store, pool.query("SELECT 1").execute(), Kind.POSTGRES);
    }

    public enum Kind { REDIS, POSTGRES, INFINISPAN }

    static Finding judge(Probe p, long deadlineNanos) {
        try {
            p.answer().toCompletionStage().toCompletableFuture().get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new Finding(p.store(), Verdict.OK, null);
        } catch (TimeoutException e) {
            return new Finding(p.store(), Verdict.DOWN, "no answer in " + WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Finding(p.store(), Verdict.DOWN, "interrupted");
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return classify(p.store(), cause, p.kind());
        }
    }

    /** Sorts a failure into "fix the configuration" (named) or "the store is down". */
    static Finding classify(String store, Throwable failure, Kind kind) {
        String text = chain(failure);
        String lower = text.toLowerCase(Locale.ROOT);
        Optional<String> fix = Optional.empty();
        if (has(failure, javax.net.ssl.SSLException.class) || has(failure, java.security.cert.CertificateException.class)
                || lower.contains("ssl") && (lower.contains("handshake") || lower.contains("not supported"))) {
            fix = Optional.of(kind == Kind.REDIS
                    ? "TLS failed: check rediss:// in the URL, mde.redis.tls.ca-file and mde.redis.tls.hostname-verification"
                    : "TLS failed: check mde.pg.ssl-mode, mde.pg.tls.ca-file and mde.pg.tls.hostname-verification");
        } else if (has(failure, UnknownHostException.class)) {
            fix = Optional.of("the host name in the URL does not resolve");
        } else if (kind == Kind.REDIS && (lower.contains("wrongpass") || lower.contains("noauth") || lower.contains("invalid password")
                || lower.contains("auth failed") || lower.contains("invalid username-password"))) {
            fix = Optional.of("Redis refused the login: check user:password@ in the URL and mde.redis.password");
        } else if (kind == Kind.POSTGRES && (lower.contains("28p01") || lower.contains("password authentication failed"))) {
            fix = Optional.of("PostgreSQL refused the login: check the URL's user and mde.pg.username / mde.pg.password");
        } else if (kind == Kind.POSTGRES && (lower.contains("28000") || lower.contains("no pg_hba.conf entry"))) {
            fix = Optional.of("PostgreSQL refused the connection (pg_hba): check mde.pg.ssl-mode (a server may only take TLS)"
                    + " and the user");
        } else if (kind == Kind.POSTGRES && (lower.contains("3d000") || lower.contains("does not exist"))) {
            fix = Optional.of("the database in the URL does not exist");
        } else if (kind == Kind.INFINISPAN && (lower.contains("ispn006017") || lower.contains("saslexception")
                || lower.contains("securityexception") || lower.contains("authentication"))) {
            fix = Optional.of("Infinispan refused the login: check mde.cache.infinispan.username, password, sasl-mechanism"
                    + " and realm");
        }
        return fix.map(f -> new Finding(store, Verdict.MISCONFIGURED, f + " (" + brief(text) + ")"))
                .orElseGet(() -> new Finding(store, Verdict.DOWN, brief(text)));
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String chain(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            b.append(b.length() == 0 ? "" : " <- ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
        }
        return b.toString();
    }

    /** The failure text without credentials, short enough for one log line. */
    private static String brief(String text) {
        String t = com.tradesense.marketdata.secrets.Redaction.redact(text);
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
