package com.tradesense.marketdata.symbols;

/**
 * Sorts ids by an order defined on what they point at (rows by symbol, words by spelling) without boxing
 * a million {@code Integer}s: a stable merge sort on a plain {@code int[]}.
 */
final class IndexSort {

    /** Order of two ids. */
    @FunctionalInterface
    interface IdOrder {
        int compare(int a, int b);
    }

    private static final int INSERTION_SORT_RUN = 24;

    private IndexSort() {
    }

    /** The ids {@code 0..count-1} in ascending {@code order}, ties in id order. */
    static int[] sortedIds(int count, IdOrder order) {
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = i;
        }
        int[] scratch = new int[count];
        // bottom-up: insertion-sort short runs, then merge runs of doubling width
        for (int lo = 0; lo < count; lo += INSERTION_SORT_RUN) {
            insertionSort(ids, lo, Math.min(lo + INSERTION_SORT_RUN, count), order);
        }
        int[] src = ids;
        int[] dst = scratch;
        for (int width = INSERTION_SORT_RUN; width < count; width <<= 1) {
            for (int lo = 0; lo < count; lo += width << 1) {
                int mid = Math.min(lo + width, count);
                int hi = Math.min(lo + (width << 1), count);
                merge(src, dst, lo, mid, hi, order);
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        return src;
    }

    private static void insertionSort(int[] a, int lo, int hi, IdOrder order) {
        for (int i = lo + 1; i < hi; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= lo && order.compare(a[j], v) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static void merge(int[] src, int[] dst, int lo, int mid, int hi, IdOrder order) {
        if (mid >= hi || order.compare(src[mid - 1], src[mid]) <= 0) {
            System.arraycopy(src, lo, dst, lo, hi - lo);
            return;
        }
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            dst[k++] = order.compare(src[j], src[i]) < 0 ? src[j++] : src[i++];
        }
        while (i < mid) {
            dst[k++] = src[i++];
        }
        while (j < hi) {
            dst[k++] = src[j++];
        }
    }
}
