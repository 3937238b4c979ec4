package com.tradesense.marketdata.symbols;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * How names and queries are cut into searchable words: lower case, accents folded ({@code Société} →
 * {@code societe}), ligatures spelled out ({@code Œ} → {@code oe}), apostrophes dropped inside a word
 * ({@code McDonald's} → {@code mcdonalds}) and any other non-letter, non-digit a word break
 * ({@code Coca-Cola} → {@code coca cola}). Names and queries go through the same function, so whatever
 * a user types folds the way the stored name did.
 *
 * <p>Works on UTF-8 bytes straight out of the name arena, writing into a caller-owned {@code char[]}, so
 * checking a candidate row allocates nothing.
 */
final class SearchText {

    /** Folded form of U+0000..U+024F (Latin, Latin-1, Latin Extended-A/B); {@code null} = word break. */
    private static final String[] LATIN = new String[0x250];
    private static final String JOIN = "";

    static {
        for (char c = 0; c < LATIN.length; c++) {
            if (c == '\'') {
                LATIN[c] = JOIN;
            } else if (Character.isLetterOrDigit(c)) {
                String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
                StringBuilder b = new StringBuilder(2);
                for (int i = 0; i < base.length(); i++) {
                    char d = base.charAt(i);
                    if (Character.getType(d) != Character.NON_SPACING_MARK) {
                        b.append(Character.toLowerCase(d));
                    }
                }
                LATIN[c] = b.length() == 0 ? String.valueOf(Character.toLowerCase(c)) : b.toString();
            }
        }
        // Letters that NFD does not decompose but a French or German speaker types without the accent.
        String[][] special = {{"ß", "ss"}, {"ẞ", "ss"}, {"æ", "ae"}, {"Æ", "ae"}, {"œ", "oe"}, {"Œ", "oe"},
                {"ø", "o"}, {"Ø", "o"}, {"đ", "d"}, {"Đ", "d"}, {"ł", "l"}, {"Ł", "l"}, {"ı", "i"}, {"þ", "th"},
                {"Þ", "th"}, {"ð", "d"}, {"Ð", "d"}};
        for (String[] s : special) {
            char c = s[0].charAt(0);
            if (c < LATIN.length) {
                LATIN[c] = s[1];
            }
        }
    }

    private SearchText() {
    }

    /** Upper bound of the folded length of a UTF-8 text of {@code utf8Length} bytes. */
    static int maxFoldedLength(int utf8Length) {
        // Every UTF-8 sequence of n bytes folds to at most n chars, except ß/æ/œ/þ (2 bytes → 2 chars).
        return utf8Length + 1;
    }

    /**
     * Folds {@code utf8[from, to)} into {@code out} as words separated by single spaces, with no leading
     * or trailing space.
     *
     * @return the number of chars written
     * @throws IllegalArgumentException if the bytes are not well-formed UTF-8
     */
    static int fold(byte[] utf8, int from, int to, char[] out) {
        int n = 0;
        boolean pendingBreak = false;
        int i = from;
        while (i < to) {
            int b = utf8[i];
            int cp;
            if (b >= 0) {
                cp = b;
                i++;
            } else {
                int need;
                if ((b & 0xE0) == 0xC0) {
                    cp = b & 0x1F;
                    need = 1;
                } else if ((b & 0xF0) == 0xE0) {
                    cp = b & 0x0F;
                    need = 2;
                } else if ((b & 0xF8) == 0xF0) {
                    cp = b & 0x07;
                    need = 3;
                } else {
                    throw new IllegalArgumentException("malformed UTF-8");
                }
                if (i + need >= to) {
                    throw new IllegalArgumentException("truncated UTF-8 sequence");
                }
                for (int k = 1; k <= need; k++) {
                    int c = utf8[i + k];
                    if ((c & 0xC0) != 0x80) {
                        throw new IllegalArgumentException("malformed UTF-8");
                    }
                    cp = (cp << 6) | (c & 0x3F);
                }
                if (cp < MIN_FOR_LENGTH[need] || cp > Character.MAX_CODE_POINT
                        || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
                    throw new IllegalArgumentException("malformed UTF-8 (overlong, surrogate or out of range)");
                }
                i += need + 1;
            }
            // Fold one code point.
            if (cp < LATIN.length) {
                String f = LATIN[cp];
                if (f == null) {
                    pendingBreak = n > 0;
                    continue;
                }
                int len = f.length();
                if (len == 0) {
                    continue; // apostrophe: joins
                }
                if (pendingBreak) {
                    out[n++] = ' ';
                    pendingBreak = false;
                }
                out[n++] = f.charAt(0);
                if (len > 1) {
                    out[n++] = f.charAt(1);
                }
            } else if (cp == '\u2019' || Character.getType(cp) == Character.NON_SPACING_MARK) {
                continue; // typographic apostrophe, or a combining accent typed separately: part of the word
            } else if (Character.isLetterOrDigit(cp)) {
                if (pendingBreak) {
                    out[n++] = ' ';
                    pendingBreak = false;
                }
                int lower = Character.toLowerCase(cp);
                if (lower < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
                    out[n++] = (char) lower;
                } else {
                    out[n++] = Character.highSurrogate(lower);
                    out[n++] = Character.lowSurrogate(lower);
                }
            } else {
                pendingBreak = n > 0;
            }
        }
        return n;
    }

    private static final int[] MIN_FOR_LENGTH = {0, 0x80, 0x800, 0x10000};

    /** Folds a query (at most a few dozen chars) into its words. */
    static char[][] words(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        char[] out = new char[maxFoldedLength(utf8.length)];
        int n = fold(utf8, 0, utf8.length, out);
        if (n == 0) {
            return new char[0][];
        }
        int count = 1;
        for (int i = 0; i < n; i++) {
            if (out[i] == ' ') {
                count++;
            }
        }
        char[][] words = new char[count][];
        int w = 0;
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || out[i] == ' ') {
                words[w++] = java.util.Arrays.copyOfRange(out, start, i);
                start = i + 1;
            }
        }
        return words;
    }

    /** True if some word of {@code folded[0, length)} (as written by {@link #fold}) starts with {@code prefix}. */
    static boolean hasWordWithPrefix(char[] folded, int length, char[] prefix) {
        int p = prefix.length;
        int wordStart = 0;
        while (wordStart + p <= length) {
            int k = 0;
            while (k < p && folded[wordStart + k] == prefix[k]) {
                k++;
            }
            if (k == p) {
                return true;
            }
            // skip to the next word
            int i = wordStart + k;
            while (i < length && folded[i] != ' ') {
                i++;
            }
            wordStart = i + 1;
        }
        return false;
    }
}
