package com.tradesense.marketdata.symbols;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Streams the rows of one symbol file: UTF-8 CSV with RFC 4180 quoting, {@code #} comment lines allowed
 * only before the header, the header exactly {@value #HEADER_LINE}.
 *
 * <p>Hand-written byte scanner: the unescaped bytes of a row land in one reused buffer and the handler
 * reads them in place, so a million-row file costs no per-field garbage. Anything unexpected (a quote in
 * an unquoted field, a quoted field left open at the end of the line, a control character, a wrong
 * number of fields) stops the load with the file and line. A field may not span lines: symbol data has no
 * business holding a line break, and refusing it keeps an unclosed quote from swallowing the rest of the
 * file.
 */
final class SymbolCsvReader {

    static final String HEADER_LINE = "symbol,name,market,mic,type,currency,isin,sector";
    static final String[] COLUMNS = HEADER_LINE.split(",");
    static final int FIELDS = COLUMNS.length;
    static final int SYMBOL = 0, NAME = 1, MARKET = 2, MIC = 3, TYPE = 4, CURRENCY = 5, ISIN = 6, SECTOR = 7;

    /** Longest row accepted, in bytes; real rows are under 300. */
    static final int MAX_ROW_BYTES = 4096;

    private static final int EOF = -1;
    private static final int BUFFER_BYTES = 1 << 16;

    /** Receives each data row; the row's buffer is reused for the next one. */
    interface RowHandler {
        void row(Row row);
    }

    /** The current row: field {@code f} is {@code bytes[start(f), end(f))}, unescaped. */
    static final class Row {
        final byte[] bytes = new byte[MAX_ROW_BYTES];
        final int[] start = new int[FIELDS];
        final int[] end = new int[FIELDS];
        String source;
        int line;

        int start(int field) {
            return start[field];
        }

        int end(int field) {
            return end[field];
        }

        int length(int field) {
            return end[field] - start[field];
        }

        boolean isEmpty(int field) {
            return end[field] == start[field];
        }

        boolean is(int field, byte[] ascii) {
            return Arrays.equals(bytes, start[field], end[field], ascii, 0, ascii.length);
        }

        String string(int field) {
            return new String(bytes, start[field], length(field), StandardCharsets.UTF_8);
        }

        /** The field for an error message: at most 40 chars. */
        String quoted(int field) {
            String s = string(field);
            return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
        }

        SymbolDataException error(String detail) {
            return new SymbolDataException(source, line, detail);
        }
    }

    private final String source;
    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private int line = 1;
    private final Row row = new Row();

    private SymbolCsvReader(String source, InputStream in) {
        this.source = source;
        this.in = in;
        row.source = source;
    }

    /** Reads every row of {@code in} (not closed here) into {@code handler}. */
    static void read(String source, InputStream in, RowHandler handler) {
        try {
            new SymbolCsvReader(source, in).readAll(handler);
        } catch (IOException e) {
            throw new SymbolDataException(source, 0, "cannot be read: " + e, e);
        }
    }

    private void readAll(RowHandler handler) throws IOException {
        skipByteOrderMark();
        boolean headerSeen = false;
        while (true) {
            int c = peek();
            if (c == EOF) {
                break;
            }
            if (c == '\n' || c == '\r') { // blank line: nothing to load, nothing lost
                endOfLine(next());
                continue;
            }
            if (c == '#') {
                if (headerSeen) {
                    throw error(line, "comment lines are only allowed before the header");
                }
                int d;
                do {
                    d = next();
                } while (d != '\n' && d != '\r' && d != EOF);
                endOfLine(d);
                continue;
            }
            if (headerSeen) {
                parseRow();
                handler.row(row);
            } else {
                int headerLine = line;
                try {
                    parseRow();
                } catch (SymbolDataException e) {
                    throw error(headerLine, "header must be exactly '" + HEADER_LINE + "' (" + e.detail() + ")");
                }
                checkHeader();
                headerSeen = true;
            }
        }
        if (!headerSeen) {
            throw error(0, "no header row; expected '" + HEADER_LINE + "'");
        }
    }

    private void checkHeader() {
        for (int f = 0; f < FIELDS; f++) {
            if (!row.is(f, COLUMNS[f].getBytes(StandardCharsets.US_ASCII))) {
                throw error(row.line, "header must be exactly '" + HEADER_LINE + "'; column " + (f + 1) + " is "
                        + row.quoted(f));
            }
        }
    }

    private void parseRow() throws IOException {
        row.line = line;
        byte[] out = row.bytes;
        int n = 0;
        int field = 0;
        while (true) {
            if (field == FIELDS) {
                throw error(row.line, "more than " + FIELDS + " fields; expected '" + HEADER_LINE + "'");
            }
            row.start[field] = n;
            int c = next();
            if (c == '"') {
                while (true) {
                    c = next();
                    if (c == '"') {
                        if (peek() != '"') {
                            break;
                        }
                        c = next();
                    } else if (c == '\n' || c == '\r' || c == EOF) {
                        throw error(row.line, "unclosed quote in field '" + COLUMNS[field] + "'");
                    } else {
                        checkControl(c, field);
                    }
                    if (n == MAX_ROW_BYTES) {
                        throw tooLong();
                    }
                    out[n++] = (byte) c;
                }
                c = next();
                if (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                    throw error(row.line, "unexpected character after the closing quote of field '"
                            + COLUMNS[field] + "'");
                }
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                    if (c == '"') {
                        throw error(row.line, "quote inside unquoted field '" + COLUMNS[field]
                                + "'; quote the whole field and double the inner quotes");
                    }
                    checkControl(c, field);
                    if (n == MAX_ROW_BYTES) {
                        throw tooLong();
                    }
                    out[n++] = (byte) c;
                    c = next();
                }
            }
            row.end[field++] = n;
            if (c != ',') {
                endOfLine(c);
                break;
            }
        }
        if (field != FIELDS) {
            throw error(row.line, "expected " + FIELDS + " fields, found " + field + " ('" + HEADER_LINE + "')");
        }
    }

    private void checkControl(int c, int field) {
        if (c < 0x20 || c == 0x7F) {
            throw error(row.line, String.format("control character 0x%02X in field '%s'", c, COLUMNS[field]));
        }
    }

    private SymbolDataException tooLong() {
        return error(row.line, "row longer than " + MAX_ROW_BYTES + " bytes");
    }

    /** Consumes the rest of a line ending that started with {@code c}. */
    private void endOfLine(int c) throws IOException {
        if (c == '\r') {
            if (peek() != '\n') {
                throw error(line, "carriage return not followed by a line feed");
            }
            next();
        }
        if (c != EOF) {
            line++;
        }
    }

    private void skipByteOrderMark() throws IOException {
        if (fill(3) && (buffer[position] & 0xFF) == 0xEF && (buffer[position + 1] & 0xFF) == 0xBB
                && (buffer[position + 2] & 0xFF) == 0xBF) {
            position += 3;
        }
    }

    private int next() throws IOException {
        if (position == limit && !refill()) {
            return EOF;
        }
        return buffer[position++] & 0xFF;
    }

    private int peek() throws IOException {
        if (position == limit && !refill()) {
            return EOF;
        }
        return buffer[position] & 0xFF;
    }

    private boolean refill() throws IOException {
        position = 0;
        limit = 0;
        int r;
        do {
            r = in.read(buffer, 0, buffer.length);
        } while (r == 0);
        if (r < 0) {
            return false;
        }
        limit = r;
        return true;
    }

    /** Ensures at least {@code count} unread bytes are buffered, if the stream has them (start of file only). */
    private boolean fill(int count) throws IOException {
        while (limit - position < count) {
            int r = in.read(buffer, limit, buffer.length - limit);
            if (r < 0) {
                return false;
            }
            limit += r;
        }
        return true;
    }

    private SymbolDataException error(int atLine, String detail) {
        return new SymbolDataException(source, atLine, detail);
    }
}
