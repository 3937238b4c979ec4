package com.tradesense.marketdata.provider.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradesense.marketdata.provider.ProviderException;
import com.tradesense.marketdata.provider.ProviderException.Reason;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The adapters' HTTP: the JDK client with a connect timeout and a per-request timeout, and the
 * failures every vendor shares mapped once: timeouts and connection errors are {@code UNAVAILABLE},
 * a body that is not JSON is {@code BAD_RESPONSE}. Vendor-specific statuses and bodies are the
 * adapter's business.
 */
public final class VendorHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String provider;
    private final HttpClient client;
    private final Duration timeout;

    /** One answer, whatever its status. */
    public record Response(int status, String body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public VendorHttp(String provider, Duration timeout) {
        this.provider = provider;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public Response get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET().header("Accept", "application/json");
        headers.forEach(b::setHeader); // an adapter's own Accept replaces the default
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body(), r);
        } catch (HttpTimeoutException e) {
            throw new ProviderException(provider, Reason.UNAVAILABLE, "no answer within " + timeout.toMillis() + " ms", null, e);
        } catch (IOException e) {
            throw new ProviderException(provider, Reason.UNAVAILABLE, "connection failed: " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(provider, Reason.UNAVAILABLE, "interrupted", null, e);
        }
    }

    /** The body as JSON, or BAD_RESPONSE (with the start of the body) when it is not. */
    public JsonNode json(Response r) {
        try {
            JsonNode n = JSON.readTree(r.body());
            if (n == null || n.isMissingNode()) {
                throw badResponse("empty body (HTTP " + r.status() + ")");
            }
            return n;
        } catch (IOException e) {
            throw badResponse("body is not JSON (HTTP " + r.status() + "): " + excerpt(r.body()));
        }
    }

    public ProviderException badResponse(String message) {
        return new ProviderException(provider, Reason.BAD_RESPONSE, message);
    }

    public static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        String s = body.replaceAll("\\s+", " ");
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
    public static Duration retryAfter(Response r, Instant now) {
        String v = r.header("Retry-After");
        if (v == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim())));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (RuntimeException e2) {
                return null;
            }
        }
    }

    /** {@code base + path + ?k=v&...}, values URL-encoded, in the given order. */
    public static URI uri(URI base, String path, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&");
        query.forEach((k, v) -> q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20")));
        return URI.create(base.toString() + path + (query.isEmpty() ? "" : "?" + q));
    }

    public static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    /** A required number given as a JSON string (Twelve Data) or number; BAD_RESPONSE otherwise. */
    public double number(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            throw badResponse("missing '" + field + "' in " + excerpt(parent.toString()));
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.textValue().trim());
            } catch (NumberFormatException e) {
                throw badResponse("'" + field + "' is not a number: " + excerpt(n.textValue()));
            }
        }
        throw badResponse("'" + field + "' is not a number: " + excerpt(n.toString()));
    }

    public String text(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual()) {
            throw badResponse("missing or non-text '" + field + "' in " + excerpt(parent.toString()));
        }
        return n.textValue();
    }
}
