package dev.berth.schema.validation;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DidYouMeanTest {

    @Test
    void suggestsTheClosestCandidateWithinTheLimit() {
        assertEquals(Optional.of("main"), DidYouMean.suggest("mian", List.of("edge", "main")));
        assertEquals(Optional.of("frontend"), DidYouMean.suggest("fronted", List.of("backend", "frontend")));
        assertEquals(Optional.of("web"), DidYouMean.suggest("wbe", List.of("web", "db")));
    }

    @Test
    void staysSilentWhenNothingIsClose() {
        assertEquals(Optional.empty(), DidYouMean.suggest("cache", List.of("main", "edge")));
        assertEquals(Optional.empty(), DidYouMean.suggest("x", List.of()));
    }

    @Test
    void allowsMoreEditsForLongerNames() {
        // 3 edits: allowed for 9+ characters (9/3), not for short names (limit 2)
        assertEquals(Optional.of("production"), DidYouMean.suggest("prodcutin", List.of("production")));
        assertEquals(Optional.empty(), DidYouMean.suggest("abc", List.of("xyz")));
    }

    @Test
    void neverSuggestsANameMoreThanThreeEditsAway() {
        assertEquals(Optional.empty(), DidYouMean.suggest("firelensConfiguration", List.of("logConfiguration")));
        assertEquals(Optional.empty(), DidYouMean.suggest("environmentFiles", List.of("environment")));
    }

    @Test
    void aHugeNameIsComparedWithNothing() {
        assertEquals(Optional.empty(), DidYouMean.suggest("x".repeat(1_000_000), List.of("x".repeat(1_000_000))));
    }

    @Test
    void ignoresCaseAndBreaksTiesAlphabetically() {
        assertEquals(Optional.of("image"), DidYouMean.suggest("Image", List.of("command", "image")));
        assertEquals(Optional.of("ab"), DidYouMean.suggest("aa", List.of("ba", "ab")));
    }

    @Test
    void countsATranspositionAsOneEdit() {
        assertEquals(1, DidYouMean.distance("mian", "main"));
        assertEquals(3, DidYouMean.distance("kitten", "sitting"));
    }
}
