package dev.berth.schema.validation;

import dev.berth.schema.source.Diagnostics;
import java.util.Collection;
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

    /**
     * Errors after which names are no longer compared: each suggestion compares a name with every
     * candidate, and thousands of misspelt references against thousands of names is a systematic
     * mistake, not a typo, that would otherwise cost quadratic time.
     */
    static final int MAX_SUGGESTING_ERRORS = 100;

    private DidYouMean() {
    }

    /** {@link #suggest(String, Collection)} while {@code out} holds fewer than 100 errors, else empty. */
    public static Optional<String> suggest(String wrong, Collection<String> candidates, Diagnostics out) {
        return out.errorCount() < MAX_SUGGESTING_ERRORS ? suggest(wrong, candidates) : Optional.empty();
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
        char[] a = lower(wrong);
        String best = null;
        int bestDistance = limit + 1;
        for (String candidate : candidates) {
            if (candidate.equals(wrong) || Math.abs(candidate.length() - wrong.length()) > limit) {
                continue;
            }
            int d = distance(a, lower(candidate), Math.min(limit, bestDistance));
            if (d < bestDistance || d == bestDistance && d <= limit && candidate.compareTo(best) < 0) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(bestDistance <= limit ? best : null);
    }

    static int distance(String wrong, String candidate) {
        return distance(lower(wrong), lower(candidate), Integer.MAX_VALUE - 1);
    }

    /** Lowercased once per name, not per comparison of two characters: thousands of references compare often. */
    private static char[] lower(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            chars[i] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c < 128 ? c : Character.toLowerCase(c);
        }
        return chars;
    }

    /**
     * Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a
     * substring), or {@code bound + 1} as soon as it is sure to exceed {@code bound}. Three rows, so
     * memory stays linear in the length.
     */
    static int distance(char[] a, char[] b, int bound) {
        int width = b.length + 1;
        int[] rows = new int[3 * width];
        int before = 0;
        int previous = width;
        int current = 2 * width;
        for (int j = 0; j <= b.length; j++) {
            rows[previous + j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            rows[current] = i;
            int rowMinimum = i;
            for (int j = 1; j <= b.length; j++) {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int d = Math.min(Math.min(rows[previous + j] + 1, rows[current + j - 1] + 1), rows[previous + j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                    d = Math.min(d, rows[before + j - 2] + 1);
                }
                rows[current + j] = d;
                rowMinimum = Math.min(rowMinimum, d);
            }
            if (rowMinimum > bound) {
                return bound + 1;
            }
            int spare = before;
            before = previous;
            previous = current;
            current = spare;
        }
        return rows[previous + b.length];
    }
}
