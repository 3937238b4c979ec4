package com.tradesense.marketdata.symbols;

import com.tradesense.marketdata.domain.AssetType;
import com.tradesense.marketdata.domain.InvalidParameterException;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.domain.Symbol;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The symbol master: every instrument the engine knows, loaded once from the reference CSV files, looked
 * up by canonical symbol and searched by ticker prefix or name words.
 *
 * <p>Immutable and thread-safe once built; searching allocates only the page it returns (plus a small
 * scratch buffer). Sized for a million listings: the data sit in columns and flat indexes (see
 * {@link ListingTable}, {@link WordIndex}), not one object per listing.
 *
 * <h2>Search ranking</h2>
 * With a query, results come in two phases, each in ascending symbol order, so a cursor can say where it
 * stopped:
 * <ol>
 *   <li>ticker matches: symbols starting with the query, case-insensitively ({@code a} → {@code A},
 *   {@code AA}, {@code AAPL}; {@code usd} → {@code USD/MAD}). The exact match, if any, sorts first because
 *   a string sorts before everything it is a prefix of;</li>
 *   <li>name matches not already listed: every word of the query is the start of some word of the name,
 *   after folding case and accents ({@code bank america} → Bank of America, {@code societe} → Société
 *   Générale).</li>
 * </ol>
 * Without a query: every listing of the market and type, by symbol.
 */
public final class SymbolMaster {

    /** Largest page, per the API contract (1 000 items for lists other than bars). */
    public static final int MAX_LIMIT = 1000;
    /** Longest query accepted, in chars. */
    public static final int MAX_QUERY_LENGTH = 64;
    /** The reference files {@link #standard()} loads, those of them that are on the classpath. */
    public static final List<String> STANDARD_RESOURCES = List.of("symbols/cse-equities.csv",
            "symbols/cse-indices.csv", "symbols/fx-mad-pairs.csv", "symbols/us-listings.csv");

    private static final int PHASE_TICKER = 0; // also "all rows" when there is no query
    private static final int PHASE_NAME = 1;
    /**
     * A filtered scan reads and folds a whole name per row, a posting merge touches one int: scanning the
     * filter's rows wins only when there are this many times fewer of them than postings.
     */
    private static final int SCAN_COST_IN_POSTINGS = 8;
    /** Up to this many index words, a non-driving query word is checked on its posting lists, not on the name. */
    private static final int MAX_MEMBERSHIP_WORDS = 16;

    private static final Object STANDARD_LOCK = new Object();
    private static volatile SymbolMaster standard;

    private final ListingTable table;
    private final WordIndex words;

    SymbolMaster(ListingTable table, WordIndex words) {
        this.table = table;
        this.words = words;
    }

    // ------------------------------------------------------------------ loading

    /**
     * The master built from {@link #STANDARD_RESOURCES} on this library's classpath, loaded on first call
     * and shared afterwards. A failed load is not cached: the next call tries again and fails the same way.
     *
     * @throws SymbolDataException if no standard file is present, or one is malformed
     */
    public static SymbolMaster standard() {
        SymbolMaster m = standard;
        if (m == null) {
            synchronized (STANDARD_LOCK) {
                m = standard;
                if (m == null) {
                    ClassLoader loader = SymbolMaster.class.getClassLoader();
                    List<String> present = new ArrayList<>();
                    for (String name : STANDARD_RESOURCES) {
                        if (loader.getResource(name) != null) {
                            present.add(name);
                        }
                    }
                    if (present.isEmpty()) {
                        throw new SymbolDataException("symbols/", 0, "none of the symbol files " + STANDARD_RESOURCES
                                + " is on the classpath");
                    }
                    m = fromClasspath(loader, present);
                    standard = m;
                }
            }
        }
        return m;
    }

    /**
     * Loads the named classpath resources, in order.
     *
     * @throws SymbolDataException if one is missing or malformed
     */
    public static SymbolMaster fromClasspath(ClassLoader loader, List<String> resources) {
        Loader l = new Loader();
        for (String name : resources) {
            try (InputStream in = loader.getResourceAsStream(name)) {
                if (in == null) {
                    throw new SymbolDataException(name, 0, "not found on the classpath");
                }
                l.add(name, in);
            } catch (IOException e) {
                throw new SymbolDataException(name, 0, "cannot be read: " + e, e);
            }
        }
        return l.build();
    }

    /**
     * Loads the files, in order.
     *
     * @throws SymbolDataException if one is missing or malformed
     */
    public static SymbolMaster load(List<Path> files) {
        Loader l = new Loader();
        for (Path file : files) {
            l.add(file);
        }
        return l.build();
    }

    /** Loads one CSV text; {@code source} names it in error messages. Meant for tests and small inputs. */
    public static SymbolMaster load(String source, Reader csv) {
        return new Loader().add(source, csv).build();
    }

    /** Collects sources for one master; for when they come from different places. Not thread-safe. */
    public static final class Loader {
        private final ListingTableBuilder builder = new ListingTableBuilder();

        public Loader add(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                return add(file.toString(), in);
            } catch (NoSuchFileException e) {
                throw new SymbolDataException(file.toString(), 0, "file not found");
            } catch (IOException e) {
                throw new SymbolDataException(file.toString(), 0, "cannot be read: " + e, e);
            }
        }

        /** Reads {@code in} to the end (the caller closes it). */
        public Loader add(String source, InputStream in) {
            builder.beginSource(source);
            SymbolCsvReader.read(source, in, builder);
            return this;
        }

        public Loader add(String source, Reader in) {
            StringWriter text = new StringWriter();
            try {
                in.transferTo(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return add(source, new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        }

        public SymbolMaster build() {
            return builder.build();
        }
    }

    // ------------------------------------------------------------------ lookup

    /** Number of listings. */
    public int size() {
        return table.size();
    }

    /** Number of listings per market, every market present (0 where none). */
    public Map<Market, Integer> countByMarket() {
        Map<Market, Integer> counts = new EnumMap<>(Market.class);
        for (Market m : Market.values()) {
            counts.put(m, table.rows(m, null).length);
        }
        return Collections.unmodifiableMap(counts);
    }

    /** The listing of a canonical symbol ({@code AAPL}, {@code ATW.CSE}, {@code USD/MAD}), case-insensitively. O(1). */
    public Optional<Listing> find(String canonicalSymbol) {
        if (canonicalSymbol == null) {
            return Optional.empty();
        }
        int row = table.find(canonicalSymbol);
        return row < 0 ? Optional.empty() : Optional.of(table.listing(row));
    }

    public Optional<Listing> find(Symbol symbol) {
        return find(symbol.value());
    }

    /** True if the symbol is listed, without making a {@link Listing}. */
    public boolean contains(String canonicalSymbol) {
        return canonicalSymbol != null && table.find(canonicalSymbol) >= 0;
    }

    // ------------------------------------------------------------------ search

    /**
     * One page of listings matching the query (see the class comment for matching and ranking).
     *
     * @param market market to search, or {@code null} for all
     * @param query  ticker prefix or name words, or {@code null}/blank for every listing
     * @param type   kind of instrument, or {@code null} for all
     * @param limit  page size, 1..{@value #MAX_LIMIT}
     * @param cursor {@link SearchPage#next()} of the previous page of the same search, or {@code null}
     * @throws InvalidParameterException naming {@code limit}, {@code q} or {@code next}
     */
    public SearchPage search(Market market, String query, AssetType type, int limit, String cursor) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidParameterException("limit", "limit must be between 1 and " + MAX_LIMIT + ", was " + limit
                    + ".");
        }
        Query q = Query.parse(query);
        int fingerprint = SearchCursor.fingerprint(market, type, q.normalized);
        int startPhase = PHASE_TICKER;
        int after = 0;
        if (cursor != null) {
            SearchCursor.Position p = SearchCursor.decode(cursor, fingerprint,
                    q.words.length > 0 ? PHASE_NAME : PHASE_TICKER);
            startPhase = p.phase();
            after = table.upperBound(p.lastSymbol(), false);
        }
        int[] filter = table.rows(market, type);
        Page page = new Page(limit + 1); // one more than asked: tells whether there is a next page

        int tickerLo;
        int tickerHi;
        if (q.isEmpty()) {
            tickerLo = 0;
            tickerHi = table.size();
        } else if (q.ticker != null) {
            tickerLo = table.lowerBound(q.ticker);
            tickerHi = table.upperBound(q.ticker, true);
        } else {
            tickerLo = 0;
            tickerHi = 0;
        }
        if (startPhase == PHASE_TICKER) {
            collectRange(filter, Math.max(tickerLo, after), tickerHi, page);
        }
        if (q.words.length > 0 && !page.full()) {
            collectNameMatches(q.words, market, type, filter, startPhase == PHASE_NAME ? after : 0,
                    tickerLo, tickerHi, page);
        }

        int shown = Math.min(page.count, limit);
        List<Listing> items = new ArrayList<>(shown);
        for (int i = 0; i < shown; i++) {
            items.add(table.listing(page.rows[i]));
        }
        String next = page.count > limit
                ? SearchCursor.encode(page.phases[limit - 1], fingerprint, table.symbol(page.rows[limit - 1]))
                : null;
        return new SearchPage(items, next);
    }

    /** Same as {@link #search(Market, String, AssetType, int, String)}, first page. */
    public SearchPage search(Market market, String query, AssetType type, int limit) {
        return search(market, query, type, limit, null);
    }

    /** Rows in {@code [from, to)} that pass the filter, ascending. */
    private static void collectRange(int[] filter, int from, int to, Page page) {
        if (filter == null) {
            for (int r = from; r < to && !page.full(); r++) {
                page.add(r, PHASE_TICKER);
            }
        } else {
            for (int i = lowerBound(filter, from); i < filter.length && filter[i] < to && !page.full(); i++) {
                page.add(filter[i], PHASE_TICKER);
            }
        }
    }

    /**
     * Rows from {@code from} on, ascending, whose name has a word starting with each query word, leaving out
     * the ticker matches {@code [excludeFrom, excludeTo)} (already listed in the first phase).
     *
     * <p>Candidates come from the query word with the fewest postings (all postings of all the index words
     * it is a prefix of, merged), or, when the market/type filter is much smaller than that, from the
     * filter's rows; each candidate's name is then checked against every query word.
     */
    private void collectNameMatches(char[][] queryWords, Market market, AssetType type, int[] filter, int from,
                                    int excludeFrom, int excludeTo, Page page) {
        int driverLo = 0;
        int driverHi = 0;
        long driverPostings = Long.MAX_VALUE;
        for (char[] w : queryWords) {
            int lo = words.lowerBound(w);
            int hi = words.upperBound(w);
            if (lo >= hi) {
                return; // a query word that starts no name word: nothing can match
            }
            long postings = words.postingsStart(hi) - words.postingsStart(lo);
            if (postings < driverPostings) {
                driverPostings = postings;
                driverLo = lo;
                driverHi = hi;
            }
        }
        char[] folded = new char[table.foldBufferLength()];

        int filterFrom = filter == null ? from : lowerBound(filter, from);
        long filterRows = filter == null ? (long) table.size() - from : filter.length - filterFrom;
        if (filterRows * SCAN_COST_IN_POSTINGS < driverPostings) {
            for (int i = filterFrom; i < (filter == null ? table.size() : filter.length) && !page.full(); i++) {
                int r = filter == null ? i : filter[i];
                if ((r < excludeFrom || r >= excludeTo) && nameMatches(r, queryWords, folded)) {
                    page.add(r, PHASE_NAME);
                }
            }
            return;
        }

        int marketOrdinal = market == null ? -1 : market.ordinal();
        int typeOrdinal = type == null ? -1 : type.ordinal();
        // The other query words: checked against their postings when they cover few index words, else
        // against the folded name.
        List<WordMembership> memberships = new ArrayList<>();
        List<char[]> byName = new ArrayList<>();
        for (char[] w : queryWords) {
            int lo = words.lowerBound(w);
            int hi = words.upperBound(w);
            if (lo == driverLo && hi == driverHi) {
                continue; // the driver (or a repeat of it): every candidate has it
            }
            if (hi - lo <= MAX_MEMBERSHIP_WORDS) {
                memberships.add(new WordMembership(words, lo, hi, from));
            } else {
                byName.add(w);
            }
        }
        char[][] nameWords = byName.toArray(new char[0][]);
        PostingMerge merge = new PostingMerge(words, driverLo, driverHi, from);
        int r;
        candidates:
        while (!page.full() && (r = merge.next()) >= 0) {
            if ((r >= excludeFrom && r < excludeTo)
                    || (marketOrdinal >= 0 && table.marketOrdinal(r) != marketOrdinal)
                    || (typeOrdinal >= 0 && table.typeOrdinal(r) != typeOrdinal)) {
                continue;
            }
            for (WordMembership m : memberships) {
                if (!m.contains(r)) {
                    continue candidates;
                }
            }
            if (nameWords.length > 0 && !nameMatches(r, nameWords, folded)) {
                continue;
            }
            page.add(r, PHASE_NAME);
        }
    }

    /**
     * Whether ascending candidate rows appear in the postings of index words {@code [lo, hi)}: one forward
     * cursor per list, so checking a run of candidates costs a walk of the lists, not a search per row.
     */
    private static final class WordMembership {
        private final WordIndex index;
        private final int[] position;
        private final int[] end;

        WordMembership(WordIndex index, int lo, int hi, int from) {
            this.index = index;
            position = new int[hi - lo];
            end = new int[hi - lo];
            for (int j = 0; j < position.length; j++) {
                end[j] = index.postingsEnd(lo + j);
                position[j] = index.postingLowerBound(index.postingsStart(lo + j), end[j], from);
            }
        }

        /** Rows must be asked in ascending order. */
        boolean contains(int row) {
            for (int j = 0; j < position.length; j++) {
                int p = index.postingSeek(position[j], end[j], row);
                position[j] = p;
                if (p < end[j] && index.posting(p) == row) {
                    return true; // lists left behind catch up on a later row: seeking only moves forward
                }
            }
            return false;
        }
    }

    private boolean nameMatches(int row, char[][] queryWords, char[] folded) {
        int length = table.foldName(row, folded);
        for (char[] w : queryWords) {
            if (!SearchText.hasWordWithPrefix(folded, length, w)) {
                return false;
            }
        }
        return true;
    }

    private static int lowerBound(int[] sorted, int key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Rows of a page being filled, with the ranking phase each came from. */
    private static final class Page {
        final int[] rows;
        final byte[] phases;
        int count;

        Page(int capacity) {
            rows = new int[capacity];
            phases = new byte[capacity];
        }

        boolean full() {
            return count == rows.length;
        }

        void add(int row, int phase) {
            rows[count] = row;
            phases[count++] = (byte) phase;
        }
    }

    /**
     * Ascending union, without repeats, of the posting lists of words {@code [lo, hi)} from row {@code from}
     * on: a k-way merge over a binary min-heap of list heads. A short prefix can cover thousands of words;
     * the merge touches only as many postings as the page needs.
     */
    private static final class PostingMerge {
        private final WordIndex index;
        private final int[] position;
        private final int[] end;
        private final int[] heap; // list numbers, ordered by their current posting
        private int heapSize;
        private int last = -1;

        PostingMerge(WordIndex index, int lo, int hi, int from) {
            this.index = index;
            int lists = hi - lo;
            position = new int[lists];
            end = new int[lists];
            heap = new int[lists];
            for (int j = 0; j < lists; j++) {
                int s = index.postingsStart(lo + j);
                end[j] = index.postingsEnd(lo + j);
                position[j] = from == 0 ? s : index.postingLowerBound(s, end[j], from);
                if (position[j] < end[j]) {
                    heap[heapSize++] = j;
                }
            }
            for (int i = heapSize / 2 - 1; i >= 0; i--) {
                siftDown(i);
            }
        }

        /** Next row, or -1 when all lists are exhausted. */
        int next() {
            while (heapSize > 0) {
                int j = heap[0];
                int row = index.posting(position[j]);
                if (++position[j] == end[j]) {
                    heap[0] = heap[--heapSize];
                }
                siftDown(0);
                if (row != last) {
                    last = row;
                    return row;
                }
            }
            return -1;
        }

        private int head(int j) {
            return index.posting(position[j]);
        }

        private void siftDown(int i) {
            if (heapSize == 0) {
                return;
            }
            int j = heap[i];
            int key = head(j);
            while (true) {
                int child = 2 * i + 1;
                if (child >= heapSize) {
                    break;
                }
                if (child + 1 < heapSize && head(heap[child + 1]) < head(heap[child])) {
                    child++;
                }
                if (head(heap[child]) >= key) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = j;
        }
    }

    /** A validated query: its ticker form (ASCII upper case, or null if it cannot be a ticker) and name words. */
    private record Query(byte[] ticker, char[][] words, String normalized) {
        private static final Query NONE = new Query(null, new char[0][], null);

        boolean isEmpty() {
            return normalized == null;
        }

        static Query parse(String text) {
            if (text == null) {
                return NONE;
            }
            if (text.length() > MAX_QUERY_LENGTH) {
                throw new InvalidParameterException("q", "q is longer than " + MAX_QUERY_LENGTH + " characters.");
            }
            for (int i = 0; i < text.length(); i++) {
                if (Character.isISOControl(text.charAt(i))) {
                    throw new InvalidParameterException("q", "q contains a control character.");
                }
            }
            String t = text.strip();
            if (t.isEmpty()) {
                return NONE;
            }
            byte[] ticker = new byte[t.length()];
            for (int i = 0; i < t.length() && ticker != null; i++) {
                char c = t.charAt(i);
                if (c <= ' ' || c >= 0x7F) {
                    ticker = null; // symbols are printable ASCII without spaces
                } else {
                    ticker[i] = (byte) (c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);
                }
            }
            return new Query(ticker, SearchText.words(t), t.toLowerCase(Locale.ROOT));
        }
    }
}
