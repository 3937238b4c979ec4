package com.tradesense.marketdata.symbols;

import com.tradesense.marketdata.domain.AssetType;
import com.tradesense.marketdata.domain.InvalidParameterException;
import com.tradesense.marketdata.domain.Market;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * The {@code next} cursor of a symbol search: where the previous page stopped, as the ranking phase and
 * the last symbol returned, plus a fingerprint of the search it belongs to, all checksummed and base64url
 * encoded. Keeping the last <em>symbol</em> rather than a row number makes a cursor survive a reload of
 * the master and work on any replica: the next page is "what ranks after that symbol".
 *
 * <p>The checksum catches cut, mangled and hand-edited cursors; it is not a secret signature, and need not
 * be, because the most a forged cursor can do is start a page at another place in the same public list.
 *
 * <p>Layout: version (1 byte), phase (1), search fingerprint (4), last symbol (ASCII, 1..{@value
 * #MAX_SYMBOL_BYTES}), CRC-32 of the preceding bytes salted with {@link #SALT} (4).
 */
final class SearchCursor {
    private static final byte VERSION = 1;
    private static final int MAX_SYMBOL_BYTES = 32;
    private static final int HEADER_BYTES = 6;
    private static final int CHECK_BYTES = 4;
    /** Longest cursor text looked at; a real one is under 60 characters. */
    private static final int MAX_TEXT_LENGTH = 96;
    private static final byte[] SALT = "tradesense/symbols/next".getBytes(StandardCharsets.US_ASCII);
    private static final String PARAMETER = "next";

    /** Where a page stopped: {@code phase} of the ranking and the last symbol it returned. */
    record Position(int phase, byte[] lastSymbol) {
    }

    private SearchCursor() {
    }

    /** Identifies one search (market, type, query), so a cursor is only honoured for the search that made it. */
    static int fingerprint(Market market, AssetType type, String normalizedQuery) {
        CRC32 crc = new CRC32();
        crc.update(market == null ? 0 : market.ordinal() + 1);
        crc.update(type == null ? 0 : type.ordinal() + 1);
        if (normalizedQuery != null) {
            crc.update(normalizedQuery.getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }

    static String encode(int phase, int fingerprint, String lastSymbol) {
        byte[] symbol = lastSymbol.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + symbol.length + CHECK_BYTES);
        b.put(VERSION).put((byte) phase).putInt(fingerprint).put(symbol);
        b.putInt(check(b.array(), b.position()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /**
     * @throws InvalidParameterException ({@code next}) if the text is not a cursor this class made, or one
     *                                   made for a different search
     */
    static Position decode(String text, int fingerprint, int maxPhase) {
        if (text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
            throw invalid();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        int symbolLength = raw.length - HEADER_BYTES - CHECK_BYTES;
        if (symbolLength < 1 || symbolLength > MAX_SYMBOL_BYTES) {
            throw invalid();
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        if (b.getInt(raw.length - CHECK_BYTES) != check(raw, raw.length - CHECK_BYTES) || raw[0] != VERSION) {
            throw invalid();
        }
        int phase = raw[1];
        if (phase < 0 || phase > maxPhase) {
            throw invalid();
        }
        if (b.getInt(2) != fingerprint) {
            throw new InvalidParameterException(PARAMETER, "The next cursor belongs to a different search: keep q, "
                    + "type and the market as they were for the first page, or start again without next.");
        }
        byte[] symbol = new byte[symbolLength];
        System.arraycopy(raw, HEADER_BYTES, symbol, 0, symbolLength);
        for (byte c : symbol) {
            if (c <= ' ' || c >= 0x7F) {
                throw invalid();
            }
        }
        return new Position(phase, symbol);
    }

    private static int check(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(SALT);
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    private static InvalidParameterException invalid() {
        return new InvalidParameterException(PARAMETER, "The next cursor is not valid: pass back exactly the next "
                + "value of the previous page, or start again without next.");
    }
}
