package com.tradesense.marketdata.rest.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a request (or a stream handshake) presents to authenticate, read the same way by the HTTP filter and the
 * stream. Three places, as Polygon and Twelve Data users expect besides the token exchange:
 * <ul>
 *   <li>{@code Authorization: Bearer <access token or API key>}: a JWT (three base64url segments, so exactly two
 *       dots) is an access token, anything else an API key;</li>
 *   <li>{@code X-API-Key: <API key>};</li>
 *   <li>{@code ?apiKey=<API key>} (the name is case-sensitive).</li>
 * </ul>
 * One credential per request: the places may repeat the same value, but two different values (a header and the
 * query, or a header sent twice) are {@link Kind#CONFLICTING}: refused with 400 {@code invalid_request} (RFC 6750
 * §3.1) rather than picking one, so a request never runs as an identity it did not clearly ask for. An
 * {@code Authorization} header of another scheme (Basic, ...) or an empty {@code Bearer} is {@link Kind#UNUSABLE}
 * when nothing else is sent, and ignored beside a usable credential. The secret itself is never logged or echoed.
 */
public record Credential(Kind kind, String secret) {
    public enum Kind {
        /** Nothing presented. */
        NONE,
        /** Something presented that is no credential (another scheme, an empty bearer, a badly encoded query value). */
        UNUSABLE,
        /** Two different credentials in one request. */
        CONFLICTING,
        ACCESS_TOKEN,
        API_KEY
    }

    public static final String API_KEY_HEADER = "X-API-Key";
    public static final String API_KEY_PARAM = "apiKey";
    /** Longest API key looked up (issued ones are 47 characters); longer ones are refused unread. */
    public static final int MAX_KEY_CHARS = 256;

    private static final Credential NOTHING = new Credential(Kind.NONE, null);
    private static final Credential UNUSABLE_ONE = new Credential(Kind.UNUSABLE, null);
    private static final Credential CONFLICT = new Credential(Kind.CONFLICTING, null);
    private static final String PARAM_PREFIX = API_KEY_PARAM + "=";

    /**
     * The credential of a request.
     *
     * @param authorization every {@code Authorization} header value (empty or null: none)
     * @param apiKeyHeaders every {@code X-API-Key} header value
     * @param query the raw query string (without '?'), or null
     */
    public static Credential of(List<String> authorization, List<String> apiKeyHeaders, String query) {
        String bearer = null;
        String key = null;
        boolean unusable = false;
        boolean conflict = false;
        if (authorization != null) {
            for (String h : authorization) {
                String t = AuthFilter.bearer(h);
                if (t == null) {
                    unusable = true;
                } else if (bearer == null) {
                    bearer = t;
                } else if (!bearer.equals(t)) {
                    conflict = true;
                }
            }
        }
        if (apiKeyHeaders != null) {
            for (String h : apiKeyHeaders) {
                String k = h == null ? "" : h.trim();
                if (k.isEmpty()) {
                    continue;
                }
                if (key == null) {
                    key = k;
                } else if (!key.equals(k)) {
                    conflict = true;
                }
            }
        }
        if (query != null && query.contains(PARAM_PREFIX)) {
            for (String pair : query.split("&", -1)) {
                if (!pair.startsWith(PARAM_PREFIX)) {
                    continue;
                }
                String k;
                try {
                    k = URLDecoder.decode(pair.substring(PARAM_PREFIX.length()), StandardCharsets.UTF_8).trim();
                } catch (IllegalArgumentException e) {
                    unusable = true; // a broken %-escape: something was sent, but no key can be read from it
                    continue;
                }
                if (k.isEmpty()) {
                    continue;
                }
                if (key == null) {
                    key = k;
                } else if (!key.equals(k)) {
                    conflict = true;
                }
            }
        }
        if (conflict || (bearer != null && key != null && !bearer.equals(key))) {
            return CONFLICT;
        }
        if (bearer != null) {
            return new Credential(key == null && jwtShaped(bearer) ? Kind.ACCESS_TOKEN : Kind.API_KEY, bearer);
        }
        if (key != null) {
            return new Credential(Kind.API_KEY, key);
        }
        return unusable ? UNUSABLE_ONE : NOTHING;
    }

    /** Present at all (the stream's handshake may come without anything and authenticate in its first message). */
    public boolean presented() {
        return kind != Kind.NONE;
    }

    /** A JWT's shape: three segments, so exactly two dots (API keys have none). */
    public static boolean jwtShaped(String s) {
        int first = s.indexOf('.');
        int second = first < 0 ? -1 : s.indexOf('.', first + 1);
        return second > 0 && s.indexOf('.', second + 1) < 0;
    }

    /**
     * Whether the text can be an API key at all, checked before any hashing or store lookup: 1 to
     * {@value #MAX_KEY_CHARS} visible ASCII characters (issued keys are {@code mde_} + base64url). Anything else
     * (spaces, control characters, non-ASCII) is refused as unknown without costing the store a query.
     */
    public static boolean plausibleKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_CHARS) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Credential[" + kind + "]"; // never the secret
    }
}
