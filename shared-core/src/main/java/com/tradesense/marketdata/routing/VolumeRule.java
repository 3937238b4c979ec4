package com.tradesense.marketdata.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The volume rule when several providers report volume for the same bar. Volume is summed across
 * distinct venues and never counted twice:
 * <ul>
 *   <li>A consolidated figure (the whole tape: every US vendor here reports the SIP-consolidated volume,
 *       and the Bourse de Casablanca is a single venue) already contains every venue. Two providers
 *       reporting it report the same trades, so they are never added: the larger figure is used (a
 *       smaller one has missed late or corrected prints).</li>
 *   <li>Figures explicitly for one venue (a MIC) are summed across distinct venues; two providers
 *       reporting the same venue again count once (the larger figure).</li>
 *   <li>When a consolidated figure is present it wins over any sum of venues, which can only be a
 *       part of it.</li>
 * </ul>
 */
public final class VolumeRule {
    private VolumeRule() {
    }

    /** @param venue the venue's MIC for a per-venue figure, or null for a consolidated one */
    public record VolumeFigure(String provider, String venue, long volume) {
        public boolean consolidated() {
            return venue == null;
        }
    }

    public static long combine(List<VolumeFigure> figures) {
        long consolidated = -1;
        Map<String, Long> byVenue = new HashMap<>();
        for (VolumeFigure f : figures) {
            if (f.consolidated()) {
                consolidated = Math.max(consolidated, f.volume());
            } else {
                byVenue.merge(f.venue(), f.volume(), Math::max);
            }
        }
        if (consolidated >= 0) {
            return consolidated;
        }
        return byVenue.values().stream().mapToLong(Long::longValue).sum();
    }
}
