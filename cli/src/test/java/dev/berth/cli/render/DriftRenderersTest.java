package dev.berth.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.planner.drift.DriftReport;
import dev.berth.planner.plan.Address;
import dev.berth.schema.source.SourcePosition;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriftRenderersTest {
    private static final DriftReport IN_SYNC = new DriftReport("shop", List.of());

    @Test
    void textAlignsKindsAndSaysWhere() {
        assertEquals("""
                Drift in stack shop: 4 findings.

                  HOST_UNREACHABLE  cluster.main on b: cannot reach tcp://b:2376: connection refused
                  TASK_MISSING      service.web: runs 1 of 2 tasks
                  TASK_STOPPED      service.web on local: task web-1-abc stopped: app exited (code 137)
                """, firstLines(new DriftTextRenderer(false).render(Samples.richDrift()), 5));
    }

    @Test
    void githubWritesOneEscapedErrorPerFindingAtTheDeclaringLine() {
        GithubDriftRenderer renderer = new GithubDriftRenderer(address -> address.kind() == Address.Kind.service
                ? Optional.of(new SourcePosition(Path.of("stacks/shop/stack.yaml"), 12, 3))
                : Optional.empty());

        assertEquals("""
                ::error title=berth drift (HOST_UNREACHABLE)::cluster.main on b: cannot reach tcp://b:2376: connection refused
                ::error file=stacks/shop/stack.yaml,line=12,col=3,title=berth drift (TASK_MISSING)::service.web: runs 1 of 2 tasks
                ::error file=stacks/shop/stack.yaml,line=12,col=3,title=berth drift (TASK_STOPPED)::service.web on local: task web-1-abc stopped: app exited (code 137)
                ::error file=stacks/shop/stack.yaml,line=12,col=3,title=berth drift (CONFIG_EDITED)::service.web on local: container app: environment RATE: expected "100%25", found "50%25 | a%0Ab"
                """, renderer.render(Samples.richDrift()));
    }

    @Test
    void githubEscapesPropertyDelimitersInTheFileName() {
        GithubDriftRenderer renderer = new GithubDriftRenderer(
                address -> Optional.of(new SourcePosition(Path.of("stacks/a,b:c%.yaml"), 1, 1)));

        assertTrue(renderer.render(Samples.richDrift()).startsWith("::error file=stacks/a%2Cb%3Ac%25.yaml,line=1,col=1,"));
    }

    @Test
    void markdownKeepsMultiLineAndPipeDetailsInTheirCell() {
        String markdown = new DriftMarkdownRenderer("stacks/shop").render(Samples.richDrift());

        assertTrue(markdown.startsWith("<!-- berth-drift:shop stacks/shop -->\n### berth drift: `shop`\n"), markdown);
        assertTrue(markdown.contains("| `CONFIG_EDITED` | `service.web` | local | web-2-def | container app: "
                + "environment RATE: expected \"100%\", found \"50% \\| a b\" |\n"), markdown);
        assertTrue(markdown.contains("| `TASK_MISSING` | `service.web` |  |  | runs 1 of 2 tasks |\n"), markdown);
    }

    @Test
    void jsonCountsEveryKindAndKeepsNulls() throws Exception {
        JsonNode root = new ObjectMapper().readTree(new DriftJsonRenderer().render(Samples.richDrift()));

        assertEquals(1, root.get("formatVersion").asInt());
        assertEquals(false, root.get("inSync").asBoolean());
        assertEquals(0, root.get("counts").get("EXTRA_TASK").asInt());
        assertEquals(1, root.get("counts").get("TASK_STOPPED").asInt());
        assertEquals("TASK_MISSING", root.get("findings").get(1).get("kind").asText());
        assertTrue(root.get("findings").get(1).get("host").isNull());
    }

    @Test
    void everyFormatSaysInSyncWhenItIs() {
        assertEquals("No drift. The hosts match the stack.\n", new DriftTextRenderer(true).render(IN_SYNC));
        assertEquals("::notice title=berth drift::No drift. The hosts match the stack.\n",
                new GithubDriftRenderer(a -> Optional.empty()).render(IN_SYNC));
        assertTrue(new DriftMarkdownRenderer("stacks/shop").render(IN_SYNC).endsWith("\nNo drift. The hosts match the stack.\n"));
        assertTrue(new DriftJsonRenderer().render(IN_SYNC).contains("\"inSync\": true"));
    }

    private static String firstLines(String text, int count) {
        return String.join("\n", text.lines().limit(count).toList()) + "\n";
    }
}
