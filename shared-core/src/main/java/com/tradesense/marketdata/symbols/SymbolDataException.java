package com.tradesense.marketdata.symbols;

/**
 * A symbol file could not be loaded: missing, unreadable, or a row that breaks the format. The message
 * names the file and the 1-based line, so whoever maintains the data can fix it; the engine refuses to
 * start on partial reference data rather than serve a master with holes in it.
 */
public final class SymbolDataException extends RuntimeException {
    private final String source;
    private final int line;
    private final String detail;

    SymbolDataException(String source, int line, String detail) {
        this(source, line, detail, null);
    }

    SymbolDataException(String source, int line, String detail, Throwable cause) {
        super(source + (line > 0 ? " line " + line : "") + ": " + detail, cause);
        this.source = source;
        this.line = line;
        this.detail = detail;
    }

    /** Name of the file or resource, as given to the loader. */
    public String source() {
        return source;
    }

    /** What is wrong, without the file and line. */
    public String detail() {
        return detail;
    }

    /** 1-based line number of the offending row, or 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }
}
