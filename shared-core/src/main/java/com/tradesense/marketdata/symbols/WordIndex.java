package com.tradesense.marketdata.symbols;

import java.util.Arrays;

/**
 * Inverted index of name words: the distinct folded words of all names, sorted, each with the ascending
 * rows whose name contains it. Stored flat (one {@code char[]} of words, one {@code int[]} of postings,
 * offsets into both) so a million names cost a few arrays, not millions of objects.
 *
 * <p>A query word matches every stored word it is a prefix of; those words are contiguous in sorted
 * order, found by two binary searches.
 */
final class WordIndex {
    private final char[] chars;
    private final int[] wordOffsets;     // word w is chars[wordOffsets[w], wordOffsets[w + 1])
    private final int[] postingOffsets;  // rows of word w are postings[postingOffsets[w], postingOffsets[w + 1])
    private final int[] postings;

    private WordIndex(char[] chars, int[] wordOffsets, int[] postingOffsets, int[] postings) {
        this.chars = chars;
        this.wordOffsets = wordOffsets;
        this.postingOffsets = postingOffsets;
        this.postings = postings;
    }

    int wordCount() {
        return wordOffsets.length - 1;
    }

    /** First word that is not below {@code prefix}. */
    int lowerBound(char[] prefix) {
        int lo = 0;
        int hi = wordCount();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(mid, prefix, false) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First word after all words starting with {@code prefix}. */
    int upperBound(char[] prefix) {
        int lo = 0;
        int hi = wordCount();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(mid, prefix, true) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Compares word {@code w} with {@code key}; with {@code asPrefix} a word starting with key compares equal. */
    private int compare(int w, char[] key, boolean asPrefix) {
        int from = wordOffsets[w];
        int len = wordOffsets[w + 1] - from;
        int n = Math.min(len, key.length);
        for (int i = 0; i < n; i++) {
            int d = chars[from + i] - key[i];
            if (d != 0) {
                return d;
            }
        }
        if (asPrefix && len >= key.length) {
            return 0;
        }
        return len - key.length;
    }

    int postingsStart(int word) {
        return postingOffsets[word];
    }

    int postingsEnd(int word) {
        return postingOffsets[word + 1];
    }

    int posting(int index) {
        return postings[index];
    }

    /** First index in {@code [from, to)} whose row is at least {@code row}. */
    int postingLowerBound(int from, int to, int row) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (postings[mid] < row) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * First index in {@code [from, to)} whose row is at least {@code row}, galloping from {@code from}: cheap
     * when the caller walks a list in ascending steps, as an intersection does.
     */
    int postingSeek(int from, int to, int row) {
        if (from >= to || postings[from] >= row) {
            return from;
        }
        int step = 1;
        int lo = from; // postings[lo] < row
        while (lo + step < to && postings[lo + step] < row) {
            lo += step;
            step <<= 1;
        }
        return postingLowerBound(lo + 1, Math.min(lo + step + 1, to), row);
    }

    String word(int w) {
        return new String(chars, wordOffsets[w], wordOffsets[w + 1] - wordOffsets[w]);
    }

    long retainedBytesEstimate() {
        return 2L * chars.length + 4L * (wordOffsets.length + postingOffsets.length + postings.length);
    }

    /** Collects (word, row) pairs, rows in ascending order, then sorts the words. Not thread-safe. */
    static final class Builder {
        private char[] chars = new char[1 << 16];
        private int charCount;
        private int[] wordStart = new int[1 << 12];
        private int wordCount;
        private int[] table = new int[1 << 13]; // open addressing: word id + 1, 0 = free
        private int[] tokenWords = new int[1 << 16];
        private int[] tokenRows = new int[1 << 16];
        private int tokenCount;
        private int rowTokensFrom;
        private int currentRow = -1;

        /** Adds the words of {@code folded[0, length)} (as {@link SearchText#fold} writes them) for {@code row}. */
        void addRow(int row, char[] folded, int length) {
            if (row <= currentRow) {
                throw new IllegalStateException("rows must be added in ascending order");
            }
            currentRow = row;
            rowTokensFrom = tokenCount;
            int start = 0;
            for (int i = 0; i <= length; i++) {
                if (i == length || folded[i] == ' ') {
                    if (i > start) {
                        addToken(row, intern(folded, start, i));
                    }
                    start = i + 1;
                }
            }
        }

        private void addToken(int row, int word) {
            for (int t = rowTokensFrom; t < tokenCount; t++) {
                if (tokenWords[t] == word) {
                    return; // "Bank of Bank": one posting
                }
            }
            if (tokenCount == tokenWords.length) {
                tokenWords = Arrays.copyOf(tokenWords, tokenCount * 2);
                tokenRows = Arrays.copyOf(tokenRows, tokenCount * 2);
            }
            tokenWords[tokenCount] = word;
            tokenRows[tokenCount++] = row;
        }

        private int intern(char[] text, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + text[i];
            }
            int mask = table.length - 1;
            int slot = mix(h) & mask;
            while (true) {
                int id = table[slot] - 1;
                if (id < 0) {
                    break;
                }
                if (Arrays.equals(chars, wordStart[id], wordEnd(id), text, from, to)) {
                    return id;
                }
                slot = (slot + 1) & mask;
            }
            int len = to - from;
            if (charCount + len > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charCount + len));
            }
            System.arraycopy(text, from, chars, charCount, len);
            if (wordCount + 1 >= wordStart.length) {
                wordStart = Arrays.copyOf(wordStart, wordStart.length * 2);
            }
            int id = wordCount++;
            wordStart[id] = charCount;
            charCount += len;
            wordStart[wordCount] = charCount;
            table[slot] = id + 1;
            if (wordCount * 2 > table.length) {
                rehash();
            }
            return id;
        }

        private int wordEnd(int id) {
            return id + 1 < wordCount ? wordStart[id + 1] : charCount;
        }

        private void rehash() {
            int[] bigger = new int[table.length * 2];
            int mask = bigger.length - 1;
            for (int id = 0; id < wordCount; id++) {
                int h = 0;
                for (int i = wordStart[id], end = wordEnd(id); i < end; i++) {
                    h = 31 * h + chars[i];
                }
                int slot = mix(h) & mask;
                while (bigger[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                bigger[slot] = id + 1;
            }
            table = bigger;
        }

        private static int mix(int h) {
            h ^= h >>> 16;
            h *= 0x85EBCA6B;
            h ^= h >>> 13;
            return h;
        }

        WordIndex build() {
            int[] sorted = IndexSort.sortedIds(wordCount, (a, b) ->
                    Arrays.compare(chars, wordStart[a], wordEnd(a), chars, wordStart[b], wordEnd(b)));
            int[] rank = new int[wordCount];
            char[] sortedChars = new char[charCount];
            int[] wordOffsets = new int[wordCount + 1];
            int c = 0;
            for (int r = 0; r < wordCount; r++) {
                int id = sorted[r];
                rank[id] = r;
                int len = wordEnd(id) - wordStart[id];
                System.arraycopy(chars, wordStart[id], sortedChars, c, len);
                wordOffsets[r] = c;
                c += len;
            }
            wordOffsets[wordCount] = c;
            int[] postingOffsets = new int[wordCount + 1];
            for (int t = 0; t < tokenCount; t++) {
                postingOffsets[rank[tokenWords[t]] + 1]++;
            }
            for (int w = 0; w < wordCount; w++) {
                postingOffsets[w + 1] += postingOffsets[w];
            }
            int[] fill = Arrays.copyOf(postingOffsets, wordCount);
            int[] postings = new int[tokenCount];
            for (int t = 0; t < tokenCount; t++) { // tokens come in row order, so each list ends up ascending
                postings[fill[rank[tokenWords[t]]]++] = tokenRows[t];
            }
            return new WordIndex(sortedChars, wordOffsets, postingOffsets, postings);
        }
    }
}
