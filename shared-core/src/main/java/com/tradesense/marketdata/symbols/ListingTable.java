package com.tradesense.marketdata.symbols;

import com.tradesense.marketdata.domain.AssetType;
import com.tradesense.marketdata.domain.Market;

import java.nio.charset.StandardCharsets;

/**
 * All listings as columns, one row per listing, rows in ascending symbol order (byte order of the ASCII
 * symbol, which is also {@link String#compareTo} order). Row {@code r} is the r-th symbol, so "the rows
 * whose symbol starts with X" is one contiguous range and "alphabetical by symbol" is "ascending row".
 *
 * <p>Strings live packed in byte arenas (symbols ASCII, names UTF-8) addressed by int offsets; the small
 * vocabularies (MIC, currency, sector) are dictionary-coded; enums are ordinals in byte arrays. About 70
 * bytes a row plus the indexes, against several hundred for a {@link Listing} object graph. A
 * {@link Listing} is only made for a row someone asked for.
 */
final class ListingTable {
    static final int ISIN_LENGTH = 12;
    private static final Market[] MARKETS = Market.values();
    private static final AssetType[] TYPES = AssetType.values();

    private final int size;
    private final byte[] symbols;
    private final int[] symbolOffsets;
    private final byte[] names;
    private final int[] nameOffsets;
    private final byte[] markets;
    private final byte[] types;
    private final byte[] micCodes;
    private final String[] micDictionary;        // code 0 = null
    private final byte[] currencyCodes;
    private final String[] currencyDictionary;
    private final char[] sectorCodes;
    private final String[] sectorDictionary;     // code 0 = null
    private final byte[] isins;                  // ISIN_LENGTH bytes a row; first byte 0 = none
    private final int[] hashTable;               // open addressing on the symbol, row + 1, 0 = free
    private final int maxNameBytes;
    /** Rows per filter, ascending: index (market ordinal + 1) * (types + 1) + type ordinal + 1, 0 = any. */
    private final int[][] filterRows;

    ListingTable(int size, byte[] symbols, int[] symbolOffsets, byte[] names, int[] nameOffsets, byte[] markets,
                 byte[] types, byte[] micCodes, String[] micDictionary, byte[] currencyCodes,
                 String[] currencyDictionary, char[] sectorCodes, String[] sectorDictionary, byte[] isins) {
        this.size = size;
        this.symbols = symbols;
        this.symbolOffsets = symbolOffsets;
        this.names = names;
        this.nameOffsets = nameOffsets;
        this.markets = markets;
        this.types = types;
        this.micCodes = micCodes;
        this.micDictionary = micDictionary;
        this.currencyCodes = currencyCodes;
        this.currencyDictionary = currencyDictionary;
        this.sectorCodes = sectorCodes;
        this.sectorDictionary = sectorDictionary;
        this.isins = isins;
        int longest = 0;
        for (int r = 0; r < size; r++) {
            longest = Math.max(longest, nameOffsets[r + 1] - nameOffsets[r]);
        }
        this.maxNameBytes = longest;
        this.hashTable = buildHashTable();
        this.filterRows = buildFilterRows();
    }

    int size() {
        return size;
    }

    Market market(int row) {
        return MARKETS[markets[row]];
    }

    int marketOrdinal(int row) {
        return markets[row];
    }

    int typeOrdinal(int row) {
        return types[row];
    }

    String symbol(int row) {
        return new String(symbols, symbolOffsets[row], symbolOffsets[row + 1] - symbolOffsets[row],
                StandardCharsets.ISO_8859_1);
    }

    Listing listing(int row) {
        int isinAt = row * ISIN_LENGTH;
        String isin = isins[isinAt] == 0 ? null : new String(isins, isinAt, ISIN_LENGTH, StandardCharsets.ISO_8859_1);
        return new Listing(symbol(row),
                new String(names, nameOffsets[row], nameOffsets[row + 1] - nameOffsets[row], StandardCharsets.UTF_8),
                MARKETS[markets[row]], micDictionary[micCodes[row] & 0xFF], TYPES[types[row]],
                currencyDictionary[currencyCodes[row] & 0xFF], isin, sectorDictionary[sectorCodes[row]]);
    }

    /** Size a caller's scratch buffer for {@link #foldName} must have. */
    int foldBufferLength() {
        return SearchText.maxFoldedLength(maxNameBytes);
    }

    /** Folds the name of {@code row} into {@code out} (see {@link SearchText#fold}); returns the length. */
    int foldName(int row, char[] out) {
        return SearchText.fold(names, nameOffsets[row], nameOffsets[row + 1], out);
    }

    // ---- ordered access by symbol ----

    /** Compares the symbol of {@code row} with {@code key}; with {@code asPrefix} a symbol starting with key is equal. */
    int compareSymbol(int row, byte[] key, boolean asPrefix) {
        int from = symbolOffsets[row];
        int len = symbolOffsets[row + 1] - from;
        int n = Math.min(len, key.length);
        for (int i = 0; i < n; i++) {
            int d = symbols[from + i] - key[i]; // ASCII: signed bytes compare as unsigned
            if (d != 0) {
                return d;
            }
        }
        if (asPrefix && len >= key.length) {
            return 0;
        }
        return len - key.length;
    }

    /** First row whose symbol is not below {@code key} (as a prefix: the first row starting with it). */
    int lowerBound(byte[] key) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compareSymbol(mid, key, false) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First row after every row whose symbol is at most {@code key}, or starts with it when {@code asPrefix}. */
    int upperBound(byte[] key, boolean asPrefix) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compareSymbol(mid, key, asPrefix) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    // ---- filters ----

    /** Rows of that market and type in ascending order, or {@code null} for "all rows" (both null). */
    int[] rows(Market market, AssetType type) {
        return filterRows[filterIndex(market == null ? -1 : market.ordinal(), type == null ? -1 : type.ordinal())];
    }

    private static int filterIndex(int market, int type) {
        return (market + 1) * (TYPES.length + 1) + type + 1;
    }

    private int[][] buildFilterRows() {
        int[][] lists = new int[(MARKETS.length + 1) * (TYPES.length + 1)][];
        int[] counts = new int[lists.length];
        for (int r = 0; r < size; r++) {
            counts[filterIndex(markets[r], -1)]++;
            counts[filterIndex(-1, types[r])]++;
            counts[filterIndex(markets[r], types[r])]++;
        }
        for (int i = 1; i < lists.length; i++) {
            lists[i] = new int[counts[i]];
        }
        int[] fill = new int[lists.length];
        for (int r = 0; r < size; r++) {
            int a = filterIndex(markets[r], -1);
            int b = filterIndex(-1, types[r]);
            int c = filterIndex(markets[r], types[r]);
            lists[a][fill[a]++] = r;
            lists[b][fill[b]++] = r;
            lists[c][fill[c]++] = r;
        }
        return lists;
    }

    // ---- lookup by symbol ----

    /** Row of the symbol, compared ASCII case-insensitively, or -1. */
    int find(CharSequence symbol) {
        int len = symbol.length();
        if (len == 0 || len > 64) {
            return -1;
        }
        int h = 0;
        for (int i = 0; i < len; i++) {
            char c = symbol.charAt(i);
            if (c >= 0x80) {
                return -1;
            }
            h = 31 * h + upper(c);
        }
        int mask = hashTable.length - 1;
        int slot = mix(h) & mask;
        while (true) {
            int row = hashTable[slot] - 1;
            if (row < 0) {
                return -1;
            }
            if (symbolEquals(row, symbol)) {
                return row;
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean symbolEquals(int row, CharSequence symbol) {
        int from = symbolOffsets[row];
        if (symbolOffsets[row + 1] - from != symbol.length()) {
            return false;
        }
        for (int i = 0; i < symbol.length(); i++) {
            if (symbols[from + i] != upper(symbol.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int upper(char c) {
        return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
    }

    private int[] buildHashTable() {
        int capacity = Integer.highestOneBit(Math.max(16, size * 2 - 1)) << 1; // load factor <= 1/2
        int[] table = new int[capacity];
        int mask = capacity - 1;
        for (int r = 0; r < size; r++) {
            int h = 0;
            for (int i = symbolOffsets[r], end = symbolOffsets[r + 1]; i < end; i++) {
                h = 31 * h + symbols[i];
            }
            int slot = mix(h) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = r + 1;
        }
        return table;
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }
}
