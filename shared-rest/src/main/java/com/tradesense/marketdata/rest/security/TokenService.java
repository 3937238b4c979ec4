package com.tradesense.marketdata.rest.security;

import com.tradesense.marketdata.access.ClientIdentity;
import com.tradesense.marketdata.access.Plans;
import com.tradesense.marketdata.audit.AuditEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The token endpoints' logic: API key for tokens, refresh-token rotation with reuse detection, revocation,
 * and API-key administration. Every outcome is an {@link AuditEvent}.
 */
@ApplicationScoped
public class TokenService {
    private static final Logger LOG = Logger.getLogger(TokenService.class);
    static final String REFRESH_PREFIX = "mdr_";
    static final String KEY_PREFIX = "mde_";

    /** What the token and refresh endpoints answer. */
    public record Tokens(String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn,
                         String plan, List<String> groups) {
    }

    /** A key just created: the only time its secret is shown. */
    public record CreatedKey(AuthStore.ApiKey key, String secret) {
    }

    /** Why a token request was refused (all answered 401 alike, the audit trail keeps the difference). */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final AuthStore store;
    private final AccessTokens tokens;
    private final AuthConfig config;
    private final Event<AuditEvent> audit;
    private final Clock clock;
    private final ActiveKeys activeKeys;

    public TokenService(AuthStore store, AccessTokens tokens, AuthConfig config, Event<AuditEvent> audit, Clock clock,
                        ActiveKeys activeKeys) {
        this.store = store;
        this.activeKeys = activeKeys;
        this.tokens = tokens;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    /** Seeds the demo and admin keys (idempotent: a key already stored is left alone). */
    void seed(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        try {
            config.demoKey().map(String::trim).filter(s -> !s.isEmpty()).ifPresent(k ->
                    seedKey(k, "demo", Plans.PRO, Set.of(Plans.REALTIME_CSE)));
            Optional<String> admin = config.adminKey().map(String::trim).filter(s -> !s.isEmpty());
            if (admin.isPresent()) {
                seedKey(admin.get(), "admin", Plans.ENTERPRISE, Set.of(Plans.ADMIN));
            } else if (config.printAdminKey()) {
                String k = Secrets.newSecret(KEY_PREFIX);
                seedKey(k, "admin", Plans.ENTERPRISE, Set.of(Plans.ADMIN));
                LOG.infof("auth: admin API key for this run (set MDE_AUTH_ADMIN_KEY to choose one): %s", k);
            }
            LOG.infof("auth: API keys in %s; demo key %s", store.describe(), config.demoKey().isPresent() ? "enabled (docs/security.md)" : "not set");
        } catch (RuntimeException e) {
            LOG.warnf("auth: demo/admin keys not seeded (%s)", e.getMessage());
        }
    }

    private void seedKey(String secret, String owner, String plan, Set<String> roles) {
        String hash = Secrets.hash(secret);
        if (store.keyByHash(hash).isEmpty()) {
            store.addKey(new AuthStore.ApiKey(Secrets.newId("key_"), hash, owner, plan, roles, clock.instant(), null));
        }
    }

    /** Client credentials: an active API key for an access token and a new refresh-token family. */
    public Tokens exchange(String apiKey) {
        Optional<AuthStore.ApiKey> key = apiKey == null || apiKey.isEmpty() || apiKey.length() > 256
                ? Optional.empty() : store.keyByHash(Secrets.hash(apiKey));
        if (key.isEmpty() || !key.get().active()) {
            audit("anonymous", "auth.token", "denied", key.isEmpty() ? "unknown API key" : "revoked API key " + key.get().id());
            throw new Refused("Unknown or revoked API key.");
        }
        Tokens t = issue(key.get(), Secrets.newId("fam_"));
        audit(key.get().owner(), "auth.token", "allowed", "key " + key.get().id());
        return t;
    }

    /** Rotates a refresh token; a second use of one revokes its whole family. */
    public Tokens refresh(String refreshToken) {
        Optional<AuthStore.RefreshToken> found = refreshToken == null || refreshToken.isEmpty() || refreshToken.length() > 256
                ? Optional.empty() : store.refresh(Secrets.hash(refreshToken));
        if (found.isEmpty()) {
            audit("anonymous", "auth.refresh", "denied", "unknown refresh token");
            throw new Refused("Unknown refresh token.");
        }
        AuthStore.RefreshToken t = found.get();
        Optional<AuthStore.ApiKey> key = store.keyById(t.keyId());
        String actor = key.map(AuthStore.ApiKey::owner).orElse("anonymous");
        if (t.revoked()) {
            audit(actor, "auth.refresh", "denied", "revoked family " + t.family());
            throw new Refused("The refresh token was revoked.");
        }
        if (!store.useRefresh(t.hash())) {
            // used before: someone holds a copy. Neither copy may go on.
            store.revokeFamily(t.family());
            audit(actor, "auth.refresh.reuse", "denied", "refresh token reused: family " + t.family() + " revoked");
            throw new Refused("The refresh token was already used: all tokens of its family are revoked.");
        }
        if (!t.expiresAt().isAfter(clock.instant())) {
            audit(actor, "auth.refresh", "denied", "expired refresh token");
            throw new Refused("The refresh token has expired.");
        }
        if (key.isEmpty() || !key.get().active()) {
            audit(actor, "auth.refresh", "denied", "API key revoked");
            throw new Refused("The API key behind this refresh token was revoked.");
        }
        Tokens fresh = issue(key.get(), t.family());
        audit(actor, "auth.refresh", "allowed", "family " + t.family());
        return fresh;
    }

    /** Revokes the family of a refresh token held by {@code caller} (or any, for an admin); false if nothing was revoked. */
    public boolean revoke(String refreshToken, ClientIdentity caller) {
        Optional<AuthStore.RefreshToken> found = refreshToken == null || refreshToken.isEmpty() || refreshToken.length() > 256
                ? Optional.empty() : store.refresh(Secrets.hash(refreshToken));
        String actor = caller == null ? "anonymous" : caller.subject();
        Optional<AuthStore.ApiKey> key = found.flatMap(t -> store.keyById(t.keyId()));
        boolean mine = caller == null || caller.hasRole(Plans.ADMIN) || key.map(k -> k.owner().equals(caller.subject())).orElse(false);
        if (found.isEmpty() || !mine) {
            audit(actor, "auth.revoke", "failed", found.isEmpty() ? "unknown refresh token" : "refresh token of another client");
            return false;
        }
        store.revokeFamily(found.get().family());
        audit(actor, "auth.revoke", "allowed", "family " + found.get().family());
        return true;
    }

    private Tokens issue(AuthStore.ApiKey key, String family) {
        ClientIdentity identity = new ClientIdentity(key.owner(), key.plan(), key.roles());
        String access = tokens.issue(identity, key.id());
        String refresh = Secrets.newSecret(REFRESH_PREFIX);
        Instant now = clock.instant();
        store.addRefresh(new AuthStore.RefreshToken(Secrets.hash(refresh), family, key.id(), now.plus(config.refreshTokenTtl()), false, false));
        return new Tokens(access, "Bearer", tokens.ttl().toSeconds(), refresh, config.refreshTokenTtl().toSeconds(), key.plan(),
                key.roles().stream().sorted().toList());
    }

    /** Admin: a new key; its secret is returned once and never stored. */
    public CreatedKey createKey(String owner, String plan, Set<String> roles, ClientIdentity admin) {
        String secret = Secrets.newSecret(KEY_PREFIX);
        AuthStore.ApiKey key = new AuthStore.ApiKey(Secrets.newId("key_"), Secrets.hash(secret), owner, plan, roles, clock.instant(), null);
        store.addKey(key);
        audit(admin.subject(), "admin.api-key.create", "allowed", key.id() + " owner " + owner + " plan " + plan + " roles " + roles);
        return new CreatedKey(key, secret);
    }

    public List<AuthStore.ApiKey> keys() {
        return store.keys();
    }

    /**
     * Admin: revokes a key, its refresh tokens and (through {@link ActiveKeys}) its access tokens; false if unknown
     * or revoked already.
     */
    public boolean revokeKey(String id, ClientIdentity admin) {
        boolean done = store.revokeKey(id, clock.instant());
        if (done) {
            activeKeys.revoked(id);
        }
        audit(admin.subject(), "admin.api-key.revoke", done ? "allowed" : "failed", id);
        return done;
    }

    private void audit(String actor, String action, String outcome, String detail) {
        AuditEvent.Category category = action.startsWith("admin.") ? AuditEvent.Category.ADMIN : AuditEvent.Category.AUTHENTICATION;
        audit.fire(new AuditEvent(clock.instant(), category, actor, action, null, null, outcome, detail));
    }
}
