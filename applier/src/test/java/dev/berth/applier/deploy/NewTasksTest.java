package dev.berth.applier.deploy;

import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NewTasksTest {
    @Test
    void replacementsAreNumberedAndSkipIdsAlreadyOnTheHosts() {
        NewTasks tasks = new NewTasks("s", "web", null, Set.of("web-3-abc123-r2"));
        assertEquals("web-3-abc123-r1", tasks.replacementId("web-3-abc123", "web-3-abc123"));
        assertEquals("web-3-abc123-r3", tasks.replacementId("web-3-abc123", "web-3-abc123-r1"));
        assertEquals("web-3-abc123-r4", tasks.replacementId("web-3-abc123", "web-3-abc123-r3"));
    }
}
