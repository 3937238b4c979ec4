package com.tradesense.marketdata.symbols;

import com.tradesense.marketdata.domain.AssetType;
import com.tradesense.marketdata.domain.InvalidParameterException;
import com.tradesense.marketdata.domain.Market;
import com.tradesense.marketdata.domain.Symbol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Validates rows as the CSV reader hands them over, appends them to growable columns in file order, then
 * sorts everything by symbol and builds the indexes. Every rule a row can break is checked here, and the
 * first broken one stops the load with file and line.
 */
final class ListingTableBuilder implements SymbolCsvReader.RowHandler {
    private static final Market[] MARKETS = Market.values();
    private static final AssetType[] TYPES = AssetType.values();
    private static final byte[][] MARKET_NAMES = new byte[MARKETS.length][];
    private static final byte[][] TYPE_NAMES = new byte[TYPES.length][];

    static {
        for (Market m : MARKETS) {
            MARKET_NAMES[m.ordinal()] = m.name().getBytes(StandardCharsets.US_ASCII);
        }
        for (AssetType t : TYPES) {
            TYPE_NAMES[t.ordinal()] = t.wireName().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final List<String> sources = new ArrayList<>();
    private int count;
    private byte[] symbolBytes = new byte[1 << 14];
    private int symbolLength;
    private int[] symbolOffsets = new int[1 << 10];
    private byte[] nameBytes = new byte[1 << 16];
    private int nameLength;
    private int[] nameOffsets = new int[1 << 10];
    private byte[] markets = new byte[1 << 10];
    private byte[] types = new byte[1 << 10];
    private byte[] micCodes = new byte[1 << 10];
    private byte[] currencyCodes = new byte[1 << 10];
    private char[] sectorCodes = new char[1 << 10];
    private byte[] isins = new byte[ListingTable.ISIN_LENGTH << 10];
    private int[] lines = new int[1 << 10];
    private short[] sourceIndexes = new short[1 << 10];
    private final Vocabulary mics = new Vocabulary("MIC", 0xFF);
    private final Vocabulary currencies = new Vocabulary("currency", 0xFF);
    private final Vocabulary sectors = new Vocabulary("sector", 0xFFFF);
    private final char[] foldScratch = new char[SearchText.maxFoldedLength(SymbolCsvReader.MAX_ROW_BYTES)];

    /** Starts a new source; its rows follow through {@link #row}. */
    void beginSource(String source) {
        if (sources.size() == Short.MAX_VALUE) {
            throw new SymbolDataException(source, 0, "too many symbol files");
        }
        sources.add(source);
    }

    @Override
    public void row(SymbolCsvReader.Row row) {
        ensureCapacity();
        byte[] b = row.bytes;
        int r = count;

        Market market = market(row);
        AssetType type = type(row);
        Symbol symbol = symbol(row, market, type);
        int symbolLen = symbol.value().length();
        symbolBytes = grow(symbolBytes, symbolLength + symbolLen);
        for (int i = 0; i < symbolLen; i++) {
            symbolBytes[symbolLength + i] = (byte) symbol.value().charAt(i); // ASCII, checked by Symbol.parse
        }
        symbolLength += symbolLen;
        symbolOffsets[r + 1] = symbolLength;

        if (row.isEmpty(SymbolCsvReader.NAME)) {
            throw row.error("name is empty");
        }
        try {
            if (SearchText.fold(b, row.start(SymbolCsvReader.NAME), row.end(SymbolCsvReader.NAME), foldScratch) == 0) {
                throw row.error("name " + row.quoted(SymbolCsvReader.NAME) + " has no letter or digit");
            }
        } catch (IllegalArgumentException e) {
            throw row.error("name is not valid UTF-8 (" + e.getMessage() + ")");
        }
        int nameLen = row.length(SymbolCsvReader.NAME);
        nameBytes = grow(nameBytes, nameLength + nameLen);
        System.arraycopy(b, row.start(SymbolCsvReader.NAME), nameBytes, nameLength, nameLen);
        nameLength += nameLen;
        nameOffsets[r + 1] = nameLength;

        markets[r] = (byte) market.ordinal();
        types[r] = (byte) type.ordinal();
        try {
            micCodes[r] = (byte) mic(row, market);
            currencyCodes[r] = (byte) currency(row);
            sectorCodes[r] = (char) sector(row);
        } catch (IllegalArgumentException e) {
            throw row.error(e.getMessage());
        }
        isin(row, r * ListingTable.ISIN_LENGTH);
        lines[r] = row.line;
        sourceIndexes[r] = (short) (sources.size() - 1);
        count++;
    }

    private Market market(SymbolCsvReader.Row row) {
        for (int m = 0; m < MARKETS.length; m++) {
            if (row.is(SymbolCsvReader.MARKET, MARKET_NAMES[m])) {
                return MARKETS[m];
            }
        }
        throw row.error("unknown market " + row.quoted(SymbolCsvReader.MARKET)
                + " (expected one of NYSE, NASDAQ, AMEX, OTC, CSE, FX)");
    }

    private AssetType type(SymbolCsvReader.Row row) {
        for (int t = 0; t < TYPES.length; t++) {
            if (row.is(SymbolCsvReader.TYPE, TYPE_NAMES[t])) {
                return TYPES[t];
            }
        }
        throw row.error("unknown type " + row.quoted(SymbolCsvReader.TYPE)
                + " (expected one of equity, etf, index, currency_pair)");
    }

    private static Symbol symbol(SymbolCsvReader.Row row, Market market, AssetType type) {
        if (row.isEmpty(SymbolCsvReader.SYMBOL)) {
            throw row.error("symbol is empty");
        }
        String text = row.string(SymbolCsvReader.SYMBOL);
        Symbol symbol;
        try {
            symbol = Symbol.parse(text, "symbol");
        } catch (InvalidParameterException e) {
            throw row.error("symbol " + row.quoted(SymbolCsvReader.SYMBOL) + " is not canonical: " + e.getMessage());
        }
        if (!symbol.value().equals(text)) {
            throw row.error("symbol " + row.quoted(SymbolCsvReader.SYMBOL) + " must be written in canonical form '"
                    + symbol.value() + "'");
        }
        Symbol.Kind expected = market == Market.CSE ? Symbol.Kind.CSE
                : market == Market.FX ? Symbol.Kind.CURRENCY_PAIR : Symbol.Kind.US;
        if (symbol.kind() != expected) {
            throw row.error("symbol " + row.quoted(SymbolCsvReader.SYMBOL) + " does not have the form of a "
                    + market + " symbol");
        }
        if ((type == AssetType.CURRENCY_PAIR) != (market == Market.FX)) {
            throw row.error("type " + type.wireName() + " does not go with market " + market
                    + " (currency pairs are exactly the FX listings)");
        }
        return symbol;
    }

    private int mic(SymbolCsvReader.Row row, Market market) {
        int f = SymbolCsvReader.MIC;
        if (row.isEmpty(f)) {
            return market.mic() == null ? 0 : mics.code(market.mic());
        }
        if (row.length(f) != 4 || !isUpperAlphanumeric(row, f)) {
            throw row.error("MIC " + row.quoted(f) + " is not four upper-case letters or digits");
        }
        return mics.code(row.bytes, row.start(f), row.end(f));
    }

    private int currency(SymbolCsvReader.Row row) {
        int f = SymbolCsvReader.CURRENCY;
        if (row.length(f) != 3 || !isUpperAlphanumeric(row, f)) {
            throw row.error("currency " + row.quoted(f) + " is not an ISO 4217 code (three upper-case letters)");
        }
        for (int i = row.start(f); i < row.end(f); i++) {
            if (row.bytes[i] < 'A') {
                throw row.error("currency " + row.quoted(f) + " is not an ISO 4217 code (three upper-case letters)");
            }
        }
        return currencies.code(row.bytes, row.start(f), row.end(f));
    }

    private int sector(SymbolCsvReader.Row row) {
        int f = SymbolCsvReader.SECTOR;
        if (row.isEmpty(f)) {
            return 0;
        }
        try {
            SearchText.fold(row.bytes, row.start(f), row.end(f), foldScratch); // validates UTF-8
        } catch (IllegalArgumentException e) {
            throw row.error("sector is not valid UTF-8 (" + e.getMessage() + ")");
        }
        return sectors.code(row.bytes, row.start(f), row.end(f));
    }

    private void isin(SymbolCsvReader.Row row, int at) {
        int f = SymbolCsvReader.ISIN;
        if (row.isEmpty(f)) {
            return; // stays 0: none
        }
        boolean ok = row.length(f) == ListingTable.ISIN_LENGTH && isUpperAlphanumeric(row, f);
        int s = row.start(f);
        ok = ok && row.bytes[s] >= 'A' && row.bytes[s + 1] >= 'A' && row.bytes[s + 11] <= '9';
        if (!ok) {
            throw row.error("ISIN " + row.quoted(f) + " is not two letters, nine letters or digits and a check digit");
        }
        System.arraycopy(row.bytes, s, isins, at, ListingTable.ISIN_LENGTH);
    }

    private static boolean isUpperAlphanumeric(SymbolCsvReader.Row row, int f) {
        for (int i = row.start(f); i < row.end(f); i++) {
            byte c = row.bytes[i];
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private void ensureCapacity() {
        if (count + 1 < markets.length) {
            return;
        }
        if (count == Integer.MAX_VALUE / ListingTable.ISIN_LENGTH - 1) {
            throw new SymbolDataException(sources.get(sources.size() - 1), 0, "too many rows");
        }
        int n = Math.min(markets.length * 2, Integer.MAX_VALUE / ListingTable.ISIN_LENGTH);
        symbolOffsets = Arrays.copyOf(symbolOffsets, n + 1);
        nameOffsets = Arrays.copyOf(nameOffsets, n + 1);
        markets = Arrays.copyOf(markets, n);
        types = Arrays.copyOf(types, n);
        micCodes = Arrays.copyOf(micCodes, n);
        currencyCodes = Arrays.copyOf(currencyCodes, n);
        sectorCodes = Arrays.copyOf(sectorCodes, n);
        isins = Arrays.copyOf(isins, n * ListingTable.ISIN_LENGTH);
        lines = Arrays.copyOf(lines, n);
        sourceIndexes = Arrays.copyOf(sourceIndexes, n);
    }

    private static byte[] grow(byte[] a, int needed) {
        if (needed <= a.length) {
            return a;
        }
        if (needed < 0) {
            throw new IllegalStateException("symbol data larger than 2 GB");
        }
        long size = Math.max((long) a.length * 2, needed);
        return Arrays.copyOf(a, (int) Math.min(size, Integer.MAX_VALUE - 8));
    }

    /** Sorts the rows by symbol, rejects duplicates, and builds the table and its word index. */
    SymbolMaster build() {
        int n = count;
        long[] heads = new long[n]; // first 8 symbol bytes, big-endian: most comparisons end here
        for (int r = 0; r < n; r++) {
            long h = 0;
            int from = symbolOffsets[r];
            int len = symbolOffsets[r + 1] - from;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (i < len ? symbolBytes[from + i] : 0);
            }
            heads[r] = h;
        }
        int[] order = IndexSort.sortedIds(n, (a, b) -> {
            int c = Long.compare(heads[a], heads[b]);
            return c != 0 ? c : Arrays.compare(symbolBytes, symbolOffsets[a], symbolOffsets[a + 1],
                    symbolBytes, symbolOffsets[b], symbolOffsets[b + 1]);
        });
        for (int i = 1; i < n; i++) {
            int a = order[i - 1];
            int b = order[i];
            if (heads[a] == heads[b] && Arrays.equals(symbolBytes, symbolOffsets[a], symbolOffsets[a + 1],
                    symbolBytes, symbolOffsets[b], symbolOffsets[b + 1])) {
                int first = Math.min(a, b);
                int second = Math.max(a, b);
                throw new SymbolDataException(sources.get(sourceIndexes[second]), lines[second], "duplicate symbol '"
                        + new String(symbolBytes, symbolOffsets[b], symbolOffsets[b + 1] - symbolOffsets[b],
                        StandardCharsets.ISO_8859_1) + "', already listed at " + sources.get(sourceIndexes[first])
                        + " line " + lines[first]);
            }
        }

        byte[] sortedSymbols = new byte[symbolLength];
        int[] sortedSymbolOffsets = new int[n + 1];
        byte[] sortedNames = new byte[nameLength];
        int[] sortedNameOffsets = new int[n + 1];
        byte[] sortedMarkets = new byte[n];
        byte[] sortedTypes = new byte[n];
        byte[] sortedMics = new byte[n];
        byte[] sortedCurrencies = new byte[n];
        char[] sortedSectors = new char[n];
        byte[] sortedIsins = new byte[n * ListingTable.ISIN_LENGTH];
        int s = 0;
        int m = 0;
        for (int i = 0; i < n; i++) {
            int r = order[i];
            int len = symbolOffsets[r + 1] - symbolOffsets[r];
            System.arraycopy(symbolBytes, symbolOffsets[r], sortedSymbols, s, len);
            s += len;
            sortedSymbolOffsets[i + 1] = s;
            len = nameOffsets[r + 1] - nameOffsets[r];
            System.arraycopy(nameBytes, nameOffsets[r], sortedNames, m, len);
            m += len;
            sortedNameOffsets[i + 1] = m;
            sortedMarkets[i] = markets[r];
            sortedTypes[i] = types[r];
            sortedMics[i] = micCodes[r];
            sortedCurrencies[i] = currencyCodes[r];
            sortedSectors[i] = sectorCodes[r];
            System.arraycopy(isins, r * ListingTable.ISIN_LENGTH, sortedIsins, i * ListingTable.ISIN_LENGTH,
                    ListingTable.ISIN_LENGTH);
        }
        ListingTable table = new ListingTable(n, sortedSymbols, sortedSymbolOffsets, sortedNames, sortedNameOffsets,
                sortedMarkets, sortedTypes, sortedMics, mics.strings(), sortedCurrencies, currencies.strings(),
                sortedSectors, sectors.strings(), sortedIsins);

        WordIndex.Builder words = new WordIndex.Builder();
        char[] folded = new char[table.foldBufferLength()];
        for (int r = 0; r < n; r++) {
            words.addRow(r, folded, table.foldName(r, folded));
        }
        return new SymbolMaster(table, words.build());
    }

    /** Distinct values of a small column (MIC, currency, sector), coded 1..max; 0 stands for none. */
    private static final class Vocabulary {
        private final String what;
        private final int max;
        private final List<byte[]> values = new ArrayList<>();
        private final List<String> strings = new ArrayList<>();
        private int[] table = new int[64]; // open addressing: code, 0 = free
        private int last;                  // rows come grouped: try the previous value first

        Vocabulary(String what, int max) {
            this.what = what;
            this.max = max;
            strings.add(null);
            values.add(null);
        }

        int code(String value) {
            byte[] b = value.getBytes(StandardCharsets.UTF_8);
            return code(b, 0, b.length);
        }

        int code(byte[] bytes, int from, int to) {
            if (last != 0 && Arrays.equals(values.get(last), 0, values.get(last).length, bytes, from, to)) {
                return last;
            }
            int mask = table.length - 1;
            int slot = hash(bytes, from, to) & mask;
            while (table[slot] != 0) {
                byte[] v = values.get(table[slot]);
                if (Arrays.equals(v, 0, v.length, bytes, from, to)) {
                    return last = table[slot];
                }
                slot = (slot + 1) & mask;
            }
            if (values.size() > max) {
                throw new IllegalArgumentException("more than " + max + " distinct " + what + " values");
            }
            values.add(Arrays.copyOfRange(bytes, from, to));
            strings.add(new String(bytes, from, to - from, StandardCharsets.UTF_8));
            int code = values.size() - 1;
            table[slot] = code;
            if (code * 2 > table.length) {
                int[] bigger = new int[table.length * 2];
                for (int c = 1; c <= code; c++) {
                    byte[] v = values.get(c);
                    int at = hash(v, 0, v.length) & (bigger.length - 1);
                    while (bigger[at] != 0) {
                        at = (at + 1) & (bigger.length - 1);
                    }
                    bigger[at] = c;
                }
                table = bigger;
            }
            return last = code;
        }

        private static int hash(byte[] b, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + b[i];
            }
            return h ^ (h >>> 16);
        }

        String[] strings() {
            return strings.toArray(new String[0]);
        }
    }
}
