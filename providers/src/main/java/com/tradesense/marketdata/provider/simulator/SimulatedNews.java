package com.tradesense.marketdata.provider.simulator;

import com.tradesense.marketdata.calendar.MarketCalendar;
import com.tradesense.marketdata.calendar.MarketCalendars;
import com.tradesense.marketdata.calendar.TradingSession;
import com.tradesense.marketdata.domain.AssetType;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.domain.NewsItem;
import com.tradesense.marketdata.symbols.Listing;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Headlines the simulator makes up: stories about each symbol (results, dividends, analyst calls,
 * buybacks, moves with its sector), templated from the listing's name and sector, and a few
 * market-wide ones (the Wall Street and Casablanca closes, Fed and Bank Al-Maghrib rate decisions).
 * Whether a symbol has a story on a day, and which, depends only on (symbol, day), so a story is the
 * same whichever other symbols are asked for, and the feed is the same on every run. URLs point at
 * {@code news.example.com} (RFC 2606: never a real site).
 */
final class SimulatedNews {
    private static final String SITE = "https://news.example.com";
    private static final long SALT = 0x4e_e5_5a_17L;
    /** A second stream for a story's details, apart from the draws that decide whether there is one. */
    private static final long STORY_SALT = 0x5b_d1_e9_95L;
    /** The feed reaches back at most this far, whatever {@code from} says. */
    private static final int LOOKBACK_DAYS = 3_660;
    private static final List<String> SOURCES = List.of(SimulatorProvider.ID);
    private static final List<String> US_WRAP_TAGS = List.of("SPY", "QQQ", "DIA");
    private static final List<String> CSE_WRAP_TAGS = List.of("MASI.CSE", "MSI20.CSE");
    private static final Duration WRAP_AFTER_CLOSE = Duration.ofMinutes(10);
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_DASHES = Pattern.compile("(^-+|-+$)");
    private static final DateTimeFormatter URL_DATE = DateTimeFormatter.ofPattern("uuuu/MM/dd");

    private final MarketCalendars calendars;
    private final SimulatedEconomy economy;
    private final Clock clock;

    SimulatedNews(MarketCalendars calendars, SimulatedEconomy economy, Clock clock) {
        this.calendars = calendars;
        this.economy = economy;
        this.clock = clock;
    }

    /** Stories about {@code listings} (the market-wide ones when empty) with {@code from <= t <= now}, newest first. */
    List<NewsItem> news(List<Listing> listings, Instant from, int max) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = LocalDate.ofInstant(from.isBefore(Instant.EPOCH) ? Instant.EPOCH : from, ZoneOffset.UTC);
        if (first.isBefore(today.minusDays(LOOKBACK_DAYS))) {
            first = today.minusDays(LOOKBACK_DAYS);
        }
        Set<String> asked = new HashSet<>();
        listings.forEach(l -> asked.add(l.symbol()));
        boolean marketWide = listings.isEmpty();
        boolean usWrap = marketWide || US_WRAP_TAGS.stream().anyMatch(asked::contains);
        boolean cseWrap = marketWide || CSE_WRAP_TAGS.stream().anyMatch(asked::contains);
        List<SimulatedEconomy.Decision> us = marketWide ? economy.decisions("US", today) : List.of();
        List<SimulatedEconomy.Decision> ma = marketWide ? economy.decisions("MA", today) : List.of();

        List<NewsItem> out = new ArrayList<>();
        for (LocalDate d = today; !d.isBefore(first) && out.size() < max; d = d.minusDays(1)) {
            List<NewsItem> day = new ArrayList<>();
            for (Listing l : listings) {
                stories(l, d, day);
            }
            if (usWrap) {
                wrap(Market.NYSE, d, day);
            }
            if (cseWrap) {
                wrap(Market.CSE, d, day);
            }
            decision(us, d, true, day);
            decision(ma, d, false, day);
            for (NewsItem n : day) {
                if (n.t() >= from.toEpochMilli() && n.t() <= now.toEpochMilli()) {
                    out.add(n);
                }
            }
        }
        out.sort(Comparator.comparingLong(NewsItem::t).reversed().thenComparing(NewsItem::id));
        return out.size() > max ? List.copyOf(out.subList(0, max)) : out;
    }

    /** A symbol's stories of one UTC day: none, one or two. */
    private void stories(Listing l, LocalDate d, List<NewsItem> out) {
        long seed = CounterRandom.seedOf(l.symbol()) ^ SALT;
        long k = d.toEpochDay();
        double rate = switch (l.type()) {
            case EQUITY -> l.market() == Market.CSE ? 0.12 : l.market() == Market.OTC ? 0.10 : 0.35;
            case ETF -> 0.06;
            case INDEX -> 0.05;
            case CURRENCY_PAIR -> 0.10;
        };
        boolean weekend = d.getDayOfWeek().getValue() >= 6;
        if (CounterRandom.uniform(seed, k * 8) >= (weekend ? rate / 4 : rate)) {
            return;
        }
        int count = CounterRandom.uniform(seed, k * 8 + 1) < 0.2 ? 2 : 1;
        for (int i = 0; i < count; i++) {
            Draws r = new Draws(seed ^ STORY_SALT, k * 8 + i);
            // US stories in New York business hours and evening, Casablanca's in its day, FX any time
            int startMinute = l.market() == Market.CSE ? 8 * 60 : l.market() == Market.FX ? 0 : 11 * 60;
            int spanMinutes = l.market() == Market.CSE ? 10 * 60 : l.market() == Market.FX ? 24 * 60 : 13 * 60;
            long t = d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                    + (startMinute + (long) (r.next() * spanMinutes)) * 60_000L + (long) (r.next() * 60) * 1_000L;
            String[] story = switch (l.type()) {
                case EQUITY -> equityStory(l, d, r);
                case ETF -> etfStory(l, r);
                case INDEX -> indexStory(l, r);
                case CURRENCY_PAIR -> fxStory(l, r);
            };
            out.add(item(t, story[0], story[1], List.of(l.symbol()), d, l.symbol() + "#" + i));
        }
    }

    private static String[] equityStory(Listing l, LocalDate d, Draws r) {
        String name = l.name();
        String sector = l.sector() == null ? "sector" : l.sector();
        String pct = pct(r.next());
        boolean up = r.next() < 0.55;
        int quarter = SimulatedFundamentals.latestReportedQuarter(d);
        String q = "Q" + (quarter % 4 + 1) + " " + quarter / 4;
        return switch ((int) (r.next() * 10)) {
            case 0 -> new String[] {
                    name + " shares " + (up ? "rise " : "fall ") + pct + "% after " + q + " results " + (up ? "beat" : "miss") + " estimates",
                    name + " (" + l.symbol() + ") reported " + q + " results " + (up ? "above" : "below")
                            + " analysts' expectations; the stock " + (up ? "rose " : "fell ") + pct + "%."};
            case 1 -> new String[] {
                    name + " declares " + (l.market() == Market.CSE ? "annual" : "quarterly") + " dividend",
                    "The board of " + name + " declared a cash dividend; the ex-dividend date and amount are in the company's release."};
            case 2 -> new String[] {
                    "Analysts " + (up ? "upgrade " : "downgrade ") + name + " to " + (up ? "buy" : "sell") + ", citing " + sector.toLowerCase(Locale.ROOT) + " outlook",
                    "A broker " + (up ? "raised" : "cut") + " its rating on " + l.symbol() + ", pointing to the outlook for " + sector + "."};
            case 3 -> new String[] {
                    name + " announces " + l.currency() + " " + (1 + (int) (r.next() * 9)) + " billion share buyback",
                    name + " plans to repurchase shares over the next two years, funded from free cash flow."};
            case 4 -> new String[] {
                    name + " names new chief financial officer",
                    name + " appointed a new CFO, effective next quarter; the outgoing CFO will stay on as an adviser."};
            case 5 -> new String[] {
                    name + (up ? " gains " : " slips ") + pct + "% as " + sector + " stocks " + (up ? "rally" : "slide"),
                    l.symbol() + " moved with its " + sector + " peers in " + l.market().name() + " trading."};
            case 6 -> new String[] {
                    name + " to present at investor conference",
                    "Executives of " + name + " will present at an industry conference and take questions from investors."};
            case 7 -> new String[] {
                    name + " signs multi-year supply agreement",
                    name + " signed a multi-year agreement with a large customer; terms were not disclosed."};
            case 8 -> new String[] {
                    name + " among most active " + l.market().name() + " stocks",
                    "Volume in " + l.symbol() + " ran well above its daily average as shares " + (up ? "climbed " : "dropped ") + pct + "%."};
            default -> new String[] {
                    name + " files " + (d.getMonthValue() <= 4 ? "annual report" : "quarterly report"),
                    name + " filed its " + (d.getMonthValue() <= 4 ? "annual" : "quarterly") + " report with the regulator."};
        };
    }

    private static String[] etfStory(Listing l, Draws r) {
        boolean in = r.next() < 0.6;
        int millions = 50 + (int) (r.next() * 950);
        return new String[] {
                l.name() + " sees " + l.currency() + " " + millions + " million of " + (in ? "inflows" : "outflows"),
                "Investors " + (in ? "added" : "withdrew") + " about " + millions + " million " + l.currency() + " "
                        + (in ? "to " : "from ") + l.symbol() + " over the week."};
    }

    private static String[] indexStory(Listing l, Draws r) {
        boolean up = r.next() < 0.55;
        String pct = pct(r.next() * 0.4);
        return new String[] {
                l.name() + (up ? " gains " : " loses ") + pct + "% in Casablanca session",
                "The " + l.name() + " index closed " + (up ? "up " : "down ") + pct + "% on the Bourse de Casablanca."};
    }

    private static String[] fxStory(Listing l, Draws r) {
        boolean firmer = r.next() < 0.5;
        String pct = pct(r.next() * 0.15);
        String base = l.symbol().substring(0, 3);
        return new String[] {
                "Dirham " + (firmer ? "firms " : "eases ") + pct + "% against the " + base,
                "The dirham " + (firmer ? "strengthened" : "weakened") + " against the " + base
                        + " within its band around the euro-dollar basket; " + l.symbol() + " " + (firmer ? "fell" : "rose") + " " + pct + "%."};
    }

    /** The day's market close story, a few minutes after the regular session ends. */
    private void wrap(Market market, LocalDate d, List<NewsItem> out) {
        MarketCalendar calendar = calendars.of(market);
        if (d.getYear() < calendar.firstYear() || d.getYear() > calendar.lastYear()) {
            return;
        }
        TradingSession session = calendar.session(d).orElse(null);
        if (session == null) {
            return;
        }
        Draws r = new Draws(CounterRandom.seedOf(market.name()) ^ SALT, d.toEpochDay());
        boolean up = r.next() < 0.55;
        String pct = pct(r.next() * 0.35);
        long t = session.regularClose().plus(WRAP_AFTER_CLOSE).toEpochMilli();
        if (market == Market.CSE) {
            out.add(item(t, "Casablanca Bourse: MASI " + (up ? "gains " : "loses ") + pct + "% in " + (r.next() < 0.5 ? "active" : "quiet") + " trading",
                    "The MASI all-shares index closed " + (up ? "up " : "down ") + pct + "%; banks and telecoms led the session.",
                    CSE_WRAP_TAGS, d, "wrap-cse"));
        } else {
            String nasdaq = pct(r.next() * 0.45);
            out.add(item(t, "Wall Street closes " + (up ? "higher" : "lower") + ": S&P 500 " + (up ? "rises " : "falls ") + pct
                            + "%, Nasdaq " + (up ? "up " : "down ") + nasdaq + "%",
                    "US stocks ended the session " + (up ? "higher" : "lower") + " as investors weighed earnings and the rate outlook.",
                    US_WRAP_TAGS, d, "wrap-us"));
        }
    }

    private static void decision(List<SimulatedEconomy.Decision> decisions, LocalDate d, boolean fed, List<NewsItem> out) {
        for (int i = 1; i < decisions.size(); i++) {
            SimulatedEconomy.Decision now = decisions.get(i);
            if (!now.date().equals(d)) {
                continue;
            }
            double before = decisions.get(i - 1).rate();
            boolean raise = now.rate() > before;
            long bp = Math.round(Math.abs(now.rate() - before) * 100);
            // FOMC statements at 14:00 New York, Bank Al-Maghrib's communiqué late afternoon Casablanca
            long t = d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + (fed ? 18 : 17) * 3_600_000L;
            String headline = fed
                    ? "Federal Reserve " + (raise ? "raises" : "cuts") + " rates by " + bp + " basis points to "
                    + String.format(Locale.ROOT, "%.2f%%-%.2f%%", now.rate() - 0.25, now.rate())
                    : "Bank Al-Maghrib " + (raise ? "raises" : "cuts") + " its key rate to " + String.format(Locale.ROOT, "%.2f%%", now.rate());
            String summary = (fed ? "The FOMC " : "Bank Al-Maghrib's board ") + (raise ? "tightened" : "eased") + " policy by "
                    + bp + " basis points, citing the inflation and growth outlook.";
            out.add(item(t, headline, summary, List.of(), d, fed ? "fed" : "bam"));
        }
    }

    private static NewsItem item(long t, String headline, String summary, List<String> symbols, LocalDate d, String key) {
        String hash = Long.toHexString(CounterRandom.seedOf(key + "@" + d));
        String url = SITE + "/" + URL_DATE.format(d) + "/" + slug(headline) + "-" + hash.substring(0, Math.min(8, hash.length()));
        String id = String.format("%016x", CounterRandom.seedOf(url));
        return new NewsItem(id, t, headline, summary + " (Simulated story.)", url, symbols, SOURCES);
    }

    private static String slug(String headline) {
        String ascii = COMBINING_MARKS.matcher(Normalizer.normalize(headline, Normalizer.Form.NFKD)).replaceAll("");
        String s = EDGE_DASHES.matcher(NOT_SLUG.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-")).replaceAll("");
        return s.length() > 80 ? EDGE_DASHES.matcher(s.substring(0, 80)).replaceAll("") : s;
    }

    /** A move in percent, one decimal: mostly small, occasionally large. */
    private static String pct(double u) {
        return String.format(Locale.ROOT, "%.1f", 0.3 + 6.0 * u * u);
    }

    /** A stream of uniform draws for one story. */
    private static final class Draws {
        private final long seed;
        private final long base;
        private int i;

        Draws(long seed, long base) {
            this.seed = seed;
            this.base = base;
        }

        double next() {
            return CounterRandom.uniform(seed, base * 32 + i++);
        }
    }
}
