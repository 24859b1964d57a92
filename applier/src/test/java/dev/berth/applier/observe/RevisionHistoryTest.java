package dev.berth.applier.observe;

import dev.berth.planner.observed.RevisionRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RevisionHistoryTest {
    private static RevisionRecord web(int revision, String hash, String deployedAt) {
        return new RevisionRecord("web", revision, hash, "{\"family\":\"web\"}", Instant.parse(deployedAt));
    }

    @Test
    void copiesOnSeveralHostsCollapseToTheEarliest() {
        RevisionHistory history = RevisionHistory.merge(List.of(
                new HostRevision("h2", web(1, "aaa", "2026-01-01T10:00:05Z")),
                new HostRevision("h1", web(1, "aaa", "2026-01-01T10:00:00Z")),
                new HostRevision("h1", web(2, "bbb", "2026-01-02T10:00:00Z"))));
        assertEquals(List.of(web(1, "aaa", "2026-01-01T10:00:00Z"), web(2, "bbb", "2026-01-02T10:00:00Z")),
                history.revisions());
        assertEquals(List.of(), history.warnings());
    }

    @Test
    void hostsDisagreeingOnARevisionKeepTheEarliestAndWarn() {
        RevisionHistory history = RevisionHistory.merge(List.of(
                new HostRevision("h1", web(3, "late", "2026-01-03T12:00:00Z")),
                new HostRevision("h2", web(3, "early", "2026-01-03T09:00:00Z"))));
        assertEquals(List.of(web(3, "early", "2026-01-03T09:00:00Z")), history.revisions());
        assertEquals(1, history.warnings().size());
        String warning = history.warnings().getFirst();
        assertTrue(warning.startsWith("revision web:3 differs between hosts: h2 has early"), warning);
        assertTrue(warning.contains("h1 has late") && warning.endsWith("using the earliest, from h2"), warning);
    }
}
