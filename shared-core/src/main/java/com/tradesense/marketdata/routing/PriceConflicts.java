package com.tradesense.marketdata.routing;

import java.time.Instant;
import java.util.List;

/**
 * The price rule when two or more providers answer for the same thing (same symbol, same bar or same
 * moment): the figure with the most recent timestamp wins (a later figure has seen later trades or
 * corrections); equal timestamps keep the first figure given, i.e. the higher-priority provider. The
 * answers disagree when any two differ by more than {@code tolerance} of the larger one; that
 * disagreement is a conflict worth recording even though the rule settles it.
 */
public final class PriceConflicts {
    private PriceConflicts() {
    }

    /**
     * One provider's figure.
     *
     * @param observedAt when the figure was true at the provider: its quote time, or when its bar answer was received
     */
    public record Figure(String provider, double price, Instant observedAt) {
    }

    /** The winning figure and whether the figures disagree beyond the tolerance. */
    public record Resolution(Figure winner, boolean conflict, double spread) {
    }

    /**
     * @param figures   in provider priority order, at least one
     * @param tolerance relative, e.g. 0.005 for 0.5 %
     */
    public static Resolution resolve(List<Figure> figures, double tolerance) {
        if (figures.isEmpty()) {
            throw new IllegalArgumentException("nothing to resolve");
        }
        Figure winner = figures.get(0);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Figure f : figures) {
            if (f.observedAt().isAfter(winner.observedAt())) {
                winner = f;
            }
            min = Math.min(min, f.price());
            max = Math.max(max, f.price());
        }
        double spread = max == 0 ? 0 : (max - min) / Math.abs(max);
        return new Resolution(winner, disagree(min, max, tolerance), spread);
    }

    /** Whether two prices differ by more than {@code tolerance} of the larger one. */
    public static boolean disagree(double a, double b, double tolerance) {
        double larger = Math.max(Math.abs(a), Math.abs(b));
        return Math.abs(a - b) > tolerance * larger;
    }
}
