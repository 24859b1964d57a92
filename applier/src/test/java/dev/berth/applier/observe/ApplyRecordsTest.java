package dev.berth.applier.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.planner.observed.ObservedTask;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplyRecordsTest {
    @Test
    void aRecordReadsBackAsTasksWithoutContainers() {
        List<ObservedTask> tasks = List.of(
                new ObservedTask("web-1-abc123", "lab", "h2", "web", "web", 1, "f00d", List.of()),
                new ObservedTask("old-0-def456", "lab", "h1", "old", null, 0, null, List.of()));

        assertEquals(tasks, ApplyRecords.parse(ApplyRecords.format(tasks)));
    }

    @Test
    void unreadableLinesAreSkipped() {
        assertEquals(List.of(new ObservedTask("a", "c", "h", "s", "f", 2, "x", List.of())),
                ApplyRecords.parse("garbage\na c h s f 2 x\nb c h s f two x\n"));
    }
}
