package com.tradesense.marketdata.history;

import com.tradesense.marketdata.domain.CorporateAction;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The splits and dividends this process has already seen per symbol, so that one it did not know is
 * noticed the moment any provider reports it: the listeners (the cache layers) then drop the symbol's
 * adjusted history everywhere. Kept in memory: the first answer for a symbol in this process is its
 * baseline, and only an action that then appears inside a period already looked at, or after it, counts as
 * new (a request reaching further back than ever before finds old actions, not new ones). A process that
 * starts after an action was published therefore does not notice it; the answers other processes built
 * before it expire by their TTL.
 */
public final class CorporateActionWatch {
    private static final Logger LOG = Logger.getLogger(CorporateActionWatch.class.getName());

    /** What is known of one symbol: the action keys and the earliest date a look-up covered. */
    private static final class Known {
        final Set<String> actions = new HashSet<>();
        LocalDate coveredFrom;
    }

    private final Map<String, Known> bySymbol = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, List<CorporateAction>>> listeners = new CopyOnWriteArrayList<>();

    /** Called with the symbol and its new splits and dividends, once per discovery. */
    public void onNewActions(BiConsumer<String, List<CorporateAction>> listener) {
        listeners.add(listener);
    }

    /**
     * Records what a look-up over {@code [from, to]} found for {@code symbol} and tells the listeners about
     * the splits and dividends that are new. Returns them (empty on the symbol's first look-up).
     */
    public List<CorporateAction> saw(String symbol, LocalDate from, LocalDate to, List<CorporateAction> actions) {
        List<CorporateAction> fresh = new ArrayList<>();
        Known known = bySymbol.computeIfAbsent(symbol, s -> new Known());
        synchronized (known) {
            boolean baseline = known.coveredFrom == null;
            for (CorporateAction a : actions) {
                String key = key(a);
                if (key == null) {
                    continue;
                }
                boolean added = known.actions.add(key);
                if (added && !baseline && !a.effectiveDate().isBefore(known.coveredFrom)) {
                    fresh.add(a);
                }
            }
            if (baseline || from.isBefore(known.coveredFrom)) {
                known.coveredFrom = from;
            }
        }
        if (!fresh.isEmpty()) {
            LOG.info("corporate actions: new for " + symbol + ": " + fresh + "; its adjusted history is invalidated");
            for (BiConsumer<String, List<CorporateAction>> l : listeners) {
                try {
                    l.accept(symbol, fresh);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "corporate actions: a listener failed on " + symbol + ": " + e);
                }
            }
        }
        return fresh;
    }

    /**
     * What makes two records the same action: kind, date and size (a corrected ratio or amount is a change
     * too); not the provider, which varies with which providers answered. Null for the kinds that do not
     * change adjusted prices.
     */
    static String key(CorporateAction a) {
        if (a instanceof CorporateAction.Split s) {
            return "split|" + s.exDate() + "|" + String.format(Locale.ROOT, "%.8f", s.ratio());
        }
        if (a instanceof CorporateAction.CashDividend d) {
            return "dividend|" + d.exDate() + "|" + String.format(Locale.ROOT, "%.8f", d.amount()) + "|" + d.currency();
        }
        return null;
    }
}
