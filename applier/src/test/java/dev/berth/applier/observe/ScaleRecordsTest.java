package dev.berth.applier.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.planner.observed.ScaledCount;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleRecordsTest {
    private static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void aRecordKeepsTheCountBeforeEachScalingAndOneOfAnOlderBerthReadsWithoutIt() {
        List<ScaledCount> counts = List.of(new ScaledCount("api", 5, AT, true, 2, null, 3),
                new ScaledCount("web", 1, AT, false, null, null, null));
        String record = ScaleRecords.format(counts);
        assertEquals("api 5 2026-12-01T12:00:00Z out 2 - 3\nweb 1 2026-12-01T12:00:00Z in - - -", record);
        assertEquals(counts, ScaleRecords.parse(record));
        assertEquals(List.of(new ScaledCount("web", 4, AT, true, null, 6, null)),
                ScaleRecords.parse("web 4 2026-12-01T12:00:00Z out - 6\nnot a line berth wrote"));
    }
}
