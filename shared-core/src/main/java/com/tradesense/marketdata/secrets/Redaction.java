package com.tradesense.marketdata.secrets;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets (provider API keys, signing keys, database passwords) out of text that leaves the
 * engine: log lines, exception messages, problem details, {@code /providers/status}. Two nets: every
 * secret value the process loaded is registered here and replaced wherever it appears, and anything
 * shaped like a credential ({@code apikey=...}, {@code api_key=...}, {@code token=...},
 * {@code Authorization: ...}, {@code scheme://user:password@host}) is masked even if nobody registered
 * it.
 */
public final class Redaction {
    public static final String MASK = "***";
    /** Shorter values are too likely to be ordinary words or numbers to be replaced everywhere. */
    private static final int MIN_SECRET = 6;
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final Pattern QUERY = Pattern.compile(
            "(?i)((?:api[_-]?key|apikey|access[_-]?key|access_token|token|secret|password|passwd|signature|sig|client_secret)\"?\\s*[=:]\\s*\"?)"
                    + "([^&\\s\"',;}]+)");
    private static final Pattern AUTH_HEADER = Pattern.compile("(?i)(authorization\\s*[=:]\\s*(?:(?:bearer|basic|apikey|token)\\s+)?)([^\\s,;\"']+)");
    private static final Pattern URL_USERINFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^/\\s:@]+:)([^@\\s/]+)(@)");

    private Redaction() {
    }

    /** Remembers a secret value so that it is masked wherever it shows up later. Blank or very short values are ignored. */
    public static void register(String secret) {
        if (secret != null && secret.strip().length() >= MIN_SECRET) {
            SECRETS.add(secret.strip());
        }
    }

    /** The text with every registered secret and every credential-shaped value masked; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : SECRETS) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
            String encoded = java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
            if (!encoded.equals(s) && out.contains(encoded)) {
                out = out.replace(encoded, MASK);
            }
        }
        out = mask(QUERY, out);
        out = mask(AUTH_HEADER, out);
        out = mask(URL_USERINFO, out);
        return out;
    }

    /** True if the text holds a registered secret (for tests and guards). */
    public static boolean containsSecret(String text) {
        if (text == null) {
            return false;
        }
        for (String s : SECRETS) {
            if (text.contains(s)) {
                return true;
            }
        }
        return false;
    }

    private static String mask(Pattern p, String s) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        do {
            String value = m.group(2);
            m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + (MASK.equals(value) ? value : MASK) + (m.groupCount() >= 3 ? m.group(3) : "")));
        } while (m.find());
        m.appendTail(b);
        return b.toString();
    }
}
