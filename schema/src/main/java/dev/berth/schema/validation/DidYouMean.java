package dev.berth.schema.validation;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the intended name for a misspelt one: used for unresolved references and unknown
 * fields alike.
 */
public final class DidYouMean {
    /** Longer names are not typos of anything; comparing them would only cost time. */
    static final int MAX_LENGTH = 256;
    /** More edits than this turn one field name into another (firelensConfiguration into logConfiguration). */
    static final int MAX_EDITS = 3;

    private DidYouMean() {
    }

    /**
     * The closest candidate within max(2, length/3) edits, at most 3, ignoring case (so {@code Image}
     * finds {@code image}) and counting a transposition as one edit; empty when none is close enough
     * to be a plausible typo. Ties go to the alphabetically first candidate, so the answer does not
     * depend on the collection's order.
     */
    public static Optional<String> suggest(String wrong, Collection<String> candidates) {
        if (wrong.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int limit = Math.min(MAX_EDITS, Math.max(2, wrong.length() / 3));
        String best = null;
        int bestDistance = limit + 1;
        for (String candidate : candidates) {
            if (candidate.equals(wrong) || Math.abs(candidate.length() - wrong.length()) > limit) {
                continue;
            }
            int d = distance(wrong, candidate, Math.min(limit, bestDistance));
            if (d < bestDistance || d == bestDistance && d <= limit && candidate.compareTo(best) < 0) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(bestDistance <= limit ? best : null);
    }

    static int distance(String wrong, String candidate) {
        return distance(wrong, candidate, Integer.MAX_VALUE - 1);
    }

    /**
     * Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a
     * substring), or {@code bound + 1} as soon as it is sure to exceed {@code bound}. Three rows, so
     * memory stays linear in the length.
     */
    static int distance(String wrong, String candidate, int bound) {
        String a = wrong.toLowerCase(Locale.ROOT);
        String b = candidate.toLowerCase(Locale.ROOT);
        int[] before = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMinimum = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, before[j - 2] + 1);
                }
                current[j] = d;
                rowMinimum = Math.min(rowMinimum, d);
            }
            if (rowMinimum > bound) {
                return bound + 1;
            }
            int[] spare = before;
            before = previous;
            previous = current;
            current = spare;
        }
        return previous[b.length()];
    }
}
