package dev.berth.cli.render;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sensitive attribute's value reaches no output, in any plan format. */
class SecretsTest {

    @Test
    void noPlanFormatPrintsASensitiveValue() {
        List<PlanRenderer> renderers = List.of(new PlanTextRenderer(false), new PlanTextRenderer(true),
                new PlanJsonRenderer(), new PlanMarkdownRenderer("stacks/shop"));
        for (PlanRenderer renderer : renderers) {
            String output = renderer.render(Samples.richPlan());
            assertFalse(output.contains(Samples.SECRET), renderer.getClass().getSimpleName());
            assertTrue(output.contains("containerDefinitions.app.secrets.TOKEN"), renderer.getClass().getSimpleName());
        }
    }
}
