package com.tradesense.marketdata.realtime.ws;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection's "channel|key" subscriptions, kept small because there are tens of thousands of
 * connections: the strings are shared by every connection (one canonical copy per channel and key) and
 * the set is an open-addressing table of references (4 bytes a slot) instead of a HashSet's 32-byte
 * nodes. For 30 subscriptions that is about 300 bytes instead of about 3 KB. Not thread-safe (the
 * connection's event loop only); no nulls.
 */
final class SubscriptionKeys extends AbstractSet<String> {
    /** Canonical copies; bounded by channels x known symbols and markets (callers add valid keys only). */
    private static final ConcurrentHashMap<String, String> CANONICAL = new ConcurrentHashMap<>();
    private String[] table = new String[8];
    private int size;

    @Override
    public boolean add(String s) {
        if (contains(s)) {
            return false;
        }
        if ((size + 1) * 2 > table.length) {
            resize(table.length * 2);
        }
        String c = CANONICAL.computeIfAbsent(s, k -> k);
        insert(table, c);
        size++;
        return true;
    }

    private static void insert(String[] t, String s) {
        int i = slot(s, t.length);
        while (t[i] != null) {
            i = (i + 1) & (t.length - 1);
        }
        t[i] = s;
    }

    private static int slot(Object s, int length) {
        int h = s.hashCode();
        return (h ^ (h >>> 16)) & (length - 1);
    }

    private int find(Object s) {
        int i = slot(s, table.length);
        while (table[i] != null) {
            if (table[i].equals(s)) {
                return i;
            }
            i = (i + 1) & (table.length - 1);
        }
        return -1;
    }

    @Override
    public boolean contains(Object o) {
        return o != null && find(o) >= 0;
    }

    @Override
    public boolean remove(Object o) {
        int i = o == null ? -1 : find(o);
        if (i < 0) {
            return false;
        }
        table[i] = null;
        size--;
        // re-place the rest of the probe run so that lookups never stop at the hole
        int j = (i + 1) & (table.length - 1);
        while (table[j] != null) {
            String moved = table[j];
            table[j] = null;
            insert(table, moved);
            j = (j + 1) & (table.length - 1);
        }
        return true;
    }

    private void resize(int length) {
        String[] t = new String[length];
        for (String s : table) {
            if (s != null) {
                insert(t, s);
            }
        }
        table = t;
    }

    @Override
    public void clear() {
        table = new String[8];
        size = 0;
    }

    @Override
    public int size() {
        return size;
    }

    /** Iterates over a copy, so the set may change meanwhile. */
    @Override
    public Iterator<String> iterator() {
        String[] snapshot = new String[size];
        int n = 0;
        for (String s : table) {
            if (s != null) {
                snapshot[n++] = s;
            }
        }
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < snapshot.length;
            }

            @Override
            public String next() {
                if (i >= snapshot.length) {
                    throw new NoSuchElementException();
                }
                return snapshot[i++];
            }
        };
    }
}
