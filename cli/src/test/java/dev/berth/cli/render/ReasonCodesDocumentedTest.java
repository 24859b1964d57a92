package dev.berth.cli.render;

import dev.berth.planner.plan.ReasonCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's table of reason codes is the vocabulary itself: every code, with its own words. */
class ReasonCodesDocumentedTest {
    @Test
    void theReadmeListsEveryCodeWithItsTemplate() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));

        List<String> missing = Arrays.stream(ReasonCode.values())
                .filter(code -> !readme.contains("| `" + code.name() + "` | ") || !readme.contains("`" + code.template() + "`"))
                .map(Enum::name)
                .toList();

        assertEquals(List.of(), missing);
    }
}
