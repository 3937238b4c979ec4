package com.tradesense.marketdata.news;

import com.tradesense.marketdata.domain.NewsItem;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Merges the feeds of several providers into one list of stories, each story once. Two items are the
 * same story when
 * <ol>
 *   <li>their canonical URLs are equal (scheme, {@code www.}/{@code m.}/{@code amp.} host prefixes, an
 *       {@code /amp} path suffix, trailing slashes, fragments and tracking parameters such as
 *       {@code utm_*} do not count), or</li>
 *   <li>their normalized headlines are equal (case, accents, punctuation and spacing do not count),
 *       they were published within {@link #SAME_STORY_WINDOW} of each other, and they are about a
 *       common symbol or both about none (so a generic headline on two companies stays two stories).</li>
 * </ol>
 * Sameness is transitive: A and B by URL, B and C by headline make one story. The merged story takes
 * its headline, URL and summary from the first item seen (feeds are passed in provider priority
 * order), its time from the earliest publication, and the union of symbols and sources. Its id is
 * derived from the canonical URL (or the normalized headline when there is no usable URL), so the
 * same story keeps its id whichever providers carried it.
 */
public final class NewsDeduplicator {
    /** Syndicated copies of a wire story appear within hours; a recurring headline ("Stocks to watch") a day apart is a new story. */
    public static final Duration SAME_STORY_WINDOW = Duration.ofHours(6);
    /** Headlines this short after normalization ("Update", "Breaking") say too little to match on. */
    private static final int MIN_HEADLINE_KEY_LENGTH = 16;
    private static final Set<String> TRACKING_PARAMETERS = Set.of("fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid",
            "cmpid", "ref", "ref_src", "src", "guccounter", "guce_referrer", "guce_referrer_sig", "ocid", "taid",
            "yptr", "ncid", "cid", "soc_src", "soc_trk", "smid", "partner", "feed");

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    private NewsDeduplicator() {
    }

    /**
     * @param feeds each provider's items, in provider priority order
     * @return the distinct stories, newest first (ties broken by id, so the order is total)
     */
    public static List<NewsItem> merge(List<List<NewsItem>> feeds) {
        List<Group> groups = new ArrayList<>();
        Map<String, Group> byUrl = new HashMap<>();
        Map<String, List<Group>> byHeadline = new HashMap<>();
        for (List<NewsItem> feed : feeds) {
            for (NewsItem item : feed) {
                String url = canonicalUrl(item.url());
                String headline = headlineKey(item.headline());
                Group g = url == null ? null : byUrl.get(url);
                if (headline != null) {
                    for (Group candidate : new ArrayList<>(byHeadline.getOrDefault(headline, List.of()))) {
                        if (candidate.closeInTime(item) && candidate.sharesSymbolsWith(item)) {
                            g = g == null ? candidate : g.absorb(candidate, groups, byUrl, byHeadline);
                        }
                    }
                }
                if (g == null) {
                    g = new Group();
                    groups.add(g);
                }
                g.add(item, url, headline);
                if (url != null) {
                    byUrl.put(url, g);
                }
                if (headline != null) {
                    List<Group> same = byHeadline.computeIfAbsent(headline, k -> new ArrayList<>());
                    if (!same.contains(g)) {
                        same.add(g);
                    }
                }
            }
        }
        return groups.stream()
                .map(Group::toItem)
                .sorted(Comparator.comparingLong(NewsItem::t).reversed().thenComparing(NewsItem::id))
                .toList();
    }

    /** One story being assembled from the items that carry it. */
    private static final class Group {
        final List<NewsItem> items = new ArrayList<>();
        final Set<String> urls = new LinkedHashSet<>();
        final Set<String> headlines = new LinkedHashSet<>();
        long minT = Long.MAX_VALUE;
        long maxT = Long.MIN_VALUE;
        /** Whether the first item's URL is a usable http(s) URL (the merged story shows it only then). */
        boolean firstUrlUsable;

        void add(NewsItem item, String url, String headline) {
            if (items.isEmpty()) {
                firstUrlUsable = url != null;
            }
            items.add(item);
            if (url != null) {
                urls.add(url);
            }
            if (headline != null) {
                headlines.add(headline);
            }
            minT = Math.min(minT, item.t());
            maxT = Math.max(maxT, item.t());
        }

        boolean closeInTime(NewsItem item) {
            long window = SAME_STORY_WINDOW.toMillis();
            return item.t() >= minT - window && item.t() <= maxT + window;
        }

        boolean sharesSymbolsWith(NewsItem item) {
            List<String> theirs = symbols(item);
            Set<String> ours = items.stream().flatMap(i -> symbols(i).stream()).collect(Collectors.toSet());
            if (theirs.isEmpty() || ours.isEmpty()) {
                return theirs.isEmpty() && ours.isEmpty();
            }
            return theirs.stream().anyMatch(ours::contains);
        }

        /** Takes {@code other}'s items into this group and forgets {@code other}; returns this group. */
        Group absorb(Group other, List<Group> groups, Map<String, Group> byUrl, Map<String, List<Group>> byHeadline) {
            if (other == this) {
                return this;
            }
            for (int i = 0; i < other.items.size(); i++) {
                items.add(other.items.get(i));
            }
            urls.addAll(other.urls);
            headlines.addAll(other.headlines);
            minT = Math.min(minT, other.minT);
            maxT = Math.max(maxT, other.maxT);
            groups.remove(other);
            other.urls.forEach(u -> byUrl.put(u, this));
            for (String h : other.headlines) {
                List<Group> same = byHeadline.get(h);
                same.remove(other);
                if (!same.contains(this)) {
                    same.add(this);
                }
            }
            return this;
        }

        NewsItem toItem() {
            NewsItem first = items.get(0);
            Set<String> symbols = new LinkedHashSet<>();
            Set<String> sources = new LinkedHashSet<>();
            String summary = null;
            for (NewsItem i : items) {
                symbols.addAll(symbols(i));
                if (i.sources() != null) {
                    i.sources().stream().filter(s -> s != null && !s.isBlank()).forEach(sources::add);
                }
                if (summary == null && i.summary() != null && !i.summary().isBlank()) {
                    summary = i.summary();
                }
            }
            String url = firstUrlUsable ? first.url() : null;
            String key = !urls.isEmpty() ? urls.iterator().next()
                    : !headlines.isEmpty() ? headlines.iterator().next() : first.headline();
            return new NewsItem(id(key), minT, first.headline(), summary, url, List.copyOf(symbols), List.copyOf(sources));
        }
    }

    private static List<String> symbols(NewsItem item) {
        return item.symbols() == null ? List.of() : item.symbols();
    }

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    });

    /** A stable id for a story key: the first 64 bits of its SHA-256, in hex. */
    static String id(String key) {
        byte[] digest = SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    /**
     * The URL reduced to what identifies the page: host without {@code www.}/{@code m.}/{@code amp.},
     * path without trailing slash or {@code /amp}, query without tracking parameters (sorted), no
     * scheme, port or fragment. Null for anything that is not an absolute http(s) URL.
     */
    static String canonicalUrl(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 2_048) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        for (String prefix : List.of("www.", "m.", "amp.")) {
            if (host.startsWith(prefix)) {
                host = host.substring(prefix.length());
            }
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith("/amp")) {
            path = path.substring(0, path.length() - "/amp".length());
        }
        String query = "";
        if (uri.getRawQuery() != null) {
            query = Arrays.stream(uri.getRawQuery().split("&"))
                    .filter(p -> !p.isEmpty())
                    .filter(p -> {
                        String name = p.split("=", 2)[0].toLowerCase(Locale.ROOT);
                        return !name.startsWith("utm_") && !TRACKING_PARAMETERS.contains(name);
                    })
                    .sorted()
                    .collect(Collectors.joining("&"));
        }
        return host + path + (query.isEmpty() ? "" : "?" + query);
    }

    /** Lower case, accents and punctuation removed, single spaces; null when too short to identify a story. */
    static String headlineKey(String headline) {
        if (headline == null) {
            return null;
        }
        String s = COMBINING_MARKS.matcher(Normalizer.normalize(headline, Normalizer.Form.NFKD)).replaceAll("");
        s = NOT_LETTER_OR_DIGIT.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        return s.length() < MIN_HEADLINE_KEY_LENGTH ? null : s;
    }
}
