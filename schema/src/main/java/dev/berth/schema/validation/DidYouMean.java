package dev.berth.schema.validation;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the intended name for a misspelt one: used for unresolved references and unknown
 * fields alike.
 */
public final class DidYouMean {
    private DidYouMean() {
    }

    /**
     * The closest candidate within max(2, length/3) edits, ignoring case (so {@code Image} finds
     * {@code image}) and counting a transposition as one edit; empty when none is close enough to be
     * a plausible typo. Ties go to the alphabetically first candidate, so the answer does not depend
     * on the collection's order.
     */
    public static Optional<String> suggest(String wrong, Collection<String> candidates) {
        int limit = Math.max(2, wrong.length() / 3);
        return candidates.stream()
                .filter(candidate -> !candidate.equals(wrong))
                .filter(candidate -> distance(wrong, candidate) <= limit)
                .min(Comparator.comparingInt((String candidate) -> distance(wrong, candidate))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring). */
    static int distance(String wrong, String candidate) {
        String a = wrong.toLowerCase(Locale.ROOT);
        String b = candidate.toLowerCase(Locale.ROOT);
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                boolean transposed = i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
                        && a.charAt(i - 2) == b.charAt(j - 1);
                if (transposed) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
